/** sqrt(a² + b²) without overflow or underflow (Math.hypot is slower and this runs in inner loops). */
export function hypot2(a: number, b: number): number {
  const x = Math.abs(a),
    y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}
