import type { MathNode } from 'mathjs';
import { UNARY_FUNCTIONS, type Expr, type ExprStore, type UnaryFunction } from './expr';
import { interpret } from './interpret';
import { printText } from './printText';

/** What the optional simplification pass did. */
export interface SimplifyOutcome {
  simplified: number;
  tried: number;
  budgetHit: boolean;
}

type AnyNode = MathNode & Record<string, unknown>;
type MathjsSimplify = (expr: string) => MathNode;

let mathjsSimplify: MathjsSimplify | undefined;
/** Loads the full mathjs behind the pass (once; ~0.5 s): call before starting the pass's clock. */
export function loadSimplify(): MathjsSimplify {
  // The full mathjs costs ~0.5 s to load: only when the pass is asked for. Its `simplify` only ever sees text we
  // printed from our own expressions (safe symbol names p0, p1, …), never user text.
  if (!mathjsSimplify) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
    const math = require('mathjs') as { simplify: (e: string) => MathNode };
    mathjsSimplify = (e) => math.simplify(e);
  }
  return mathjsSimplify;
}

const UNARY = new Set<string>(UNARY_FUNCTIONS);

/** Converts a simplified mathjs tree back into our expressions; undefined when it uses anything else. */
function fromMathjs(n: AnyNode, s: ExprStore): Expr | undefined {
  const go = (n: AnyNode): Expr | undefined => {
    switch (n.type) {
      case 'ConstantNode':
        return typeof n.value === 'number' ? s.num(n.value) : undefined;
      case 'ParenthesisNode':
        return go(n.content as AnyNode);
      case 'SymbolNode': {
        const name = n.name as string;
        if (name === 'pi' || name === 'e') return s.constant(name);
        const m = /^p(\d+)$/.exec(name);
        return m ? s.variable(Number(m[1])) : undefined;
      }
      case 'FunctionNode': {
        const fn = (n.fn as AnyNode).name as string;
        const args = (n.args as AnyNode[]).map(go);
        if (args.length !== 1 || !args[0]) return undefined;
        if (fn === 'sqrt') return s.pow(args[0], s.num(0.5));
        return UNARY.has(fn) ? s.call(fn as UnaryFunction, args[0]) : undefined;
      }
      case 'OperatorNode': {
        const args = (n.args as AnyNode[]).map(go);
        if (args.some((a) => !a)) return undefined;
        const [a, b] = args as Expr[];
        switch (n.fn) {
          case 'add':
            return s.add(args as Expr[]);
          case 'subtract':
            return s.sub(a, b);
          case 'multiply':
            return s.mul(args as Expr[]);
          case 'divide':
            return s.div(a, b);
          case 'pow':
            return s.pow(a, b);
          case 'unaryMinus':
            return s.neg(a);
          case 'unaryPlus':
            return a;
          default:
            return undefined;
        }
      }
      default:
        return undefined;
    }
  };
  return go(n);
}

/** Sums wider than this are never handed to mathjs `simplify`: its time grows exponentially with the terms of a sum (one 24-term sum takes seconds). */
const MAX_SUM_TERMS = 12;

/** The most terms of any sum in `e`. */
function widestSum(e: Expr, memo = new Map<number, number>()): number {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let w = e.kind === 'add' ? e.args.length : 0;
  if (e.kind === 'add' || e.kind === 'mul' || e.kind === 'pow' || e.kind === 'call')
    for (const a of e.args) w = Math.max(w, widestSum(a, memo));
  memo.set(e.id, w);
  return w;
}

/** True when two expressions agree at a few fixed points (or are undefined at the same ones). */
function agree(a: Expr, b: Expr, p: number): boolean {
  for (let k = 0; k < 4; k++) {
    const x = Array.from({ length: p }, (_, j) => 0.37 + 0.61 * Math.sin(7.1 * (j + 1) * (k + 1)));
    const u = interpret(a, x),
      v = interpret(b, x);
    if (Number.isNaN(u) && Number.isNaN(v)) continue;
    if (!(Math.abs(u - v) <= 1e-9 * (1 + Math.abs(u)))) return false;
  }
  return true;
}

/**
 * mathjs `simplify` over each expression, for display only, under a time budget: an entry is replaced only when
 * the result is shorter and agrees numerically with the original; past the deadline the rest stay as they are
 * (correct, just less tidy). Numbers are always computed from the original expressions.
 */
export function simplifyForDisplay(
  exprs: Expr[],
  s: ExprStore,
  p: number,
  deadline: number,
  maxChars = 400,
): SimplifyOutcome {
  const safe = Array.from({ length: p }, (_, j) => `p${j}`);
  const out: SimplifyOutcome = { simplified: 0, tried: 0, budgetHit: false };
  const simplify = loadSimplify();
  const done = new Map<number, Expr>();
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i];
    if (e.kind === 'num' || e.kind === 'var' || e.kind === 'const') continue;
    const hit = done.get(e.id);
    if (hit) {
      exprs[i] = hit;
      continue;
    }
    if (Date.now() > deadline) {
      out.budgetHit = true;
      break;
    }
    const text = printText(e, safe);
    if (text.length > maxChars || widestSum(e) > MAX_SUM_TERMS) continue;
    out.tried++;
    let candidate: Expr | undefined;
    try {
      candidate = fromMathjs(simplify(text) as AnyNode, s);
    } catch {
      candidate = undefined;
    }
    const better =
      candidate && printText(candidate, safe).length < text.length && agree(e, candidate, p) ? candidate : e;
    if (better !== e) out.simplified++;
    done.set(e.id, better);
    exprs[i] = better;
  }
  return out;
}
