import type { MathNode } from 'mathjs';
import { OverparamError, type Span } from '../diagnostic';
import type { Expr, ExprStore, UnaryFunction } from '../symbolic/expr';
import { UNARY_FUNCTIONS } from '../symbolic/expr';
import type { NodeSpans } from './allowlist';
import { elementwise, map, matmul, scalar, shapeText, sumAll, transpose, type Tensor } from './tensor';

/** How symbols of an expression become tensors (parameters, constants, index letters); throws when unknown. */
export interface SymbolResolver {
  resolve(name: string, span: Span): Tensor;
  /** The current value of an index letter (`i` while expanding `θ_i`), if `name` is one. */
  indexValue(name: string): number | undefined;
}

type AnyNode = MathNode & Record<string, unknown>;
const UNARY = new Set<string>(UNARY_FUNCTIONS);

/**
 * Evaluates an allowlisted mathjs tree symbolically: every entry of the result is a scalar expression of the
 * parameters. Shapes follow mathjs (1-D vectors, `*` as matrix product, `'` as transpose).
 */
export function expand(root: MathNode, spans: NodeSpans, s: ExprStore, symbols: SymbolResolver): Tensor {
  const at = (n: AnyNode): Span => spans.get(n) ?? spans.get(root)!;
  const shapeError = (n: AnyNode, message: string): never => {
    throw new OverparamError('shape', message, at(n));
  };

  const go = (n: AnyNode): Tensor => {
    switch (n.type) {
      case 'ConstantNode':
        return scalar(s.num(n.value as number));
      case 'ParenthesisNode':
        return go(n.content as AnyNode);
      case 'SymbolNode':
        return symbols.resolve(n.name as string, at(n));
      case 'ArrayNode':
        return array(n);
      case 'AccessorNode':
        return access(n);
      case 'OperatorNode':
        return operator(n);
      case 'FunctionNode':
        return call(n);
      default:
        throw new OverparamError('not-allowed', `\`${n.type as string}\` is not part of the language`, at(n));
    }
  };

  const array = (n: AnyNode): Tensor => {
    const items = (n.items as AnyNode[]).map(go);
    if (items.length === 0) shapeError(n, 'an empty list has no value');
    const inner = items[0].shape;
    if (inner.length > 1) shapeError(n, 'lists nest at most two deep (a matrix)');
    for (const it of items)
      if (it.shape.length !== inner.length || it.shape[0] !== inner[0])
        shapeError(n, `the rows of this list differ in shape (${shapeText(inner)} and ${shapeText(it.shape)})`);
    return { shape: [items.length, ...inner], data: items.flatMap((it) => it.data) };
  };

  const indexOf = (d: AnyNode): number => {
    if (d.type === 'ConstantNode') return d.value as number;
    const v = symbols.indexValue(d.name as string);
    if (v === undefined)
      throw new OverparamError(
        'index-range',
        `\`${d.name as string}\` is not an index letter of this definition`,
        at(d),
      );
    return v;
  };

  const access = (n: AnyNode): Tensor => {
    const base = go(n.object as AnyNode);
    const dims = ((n.index as AnyNode).dimensions as AnyNode[]).map(indexOf);
    const name = (n.object as AnyNode).name as string;
    if (dims.length !== base.shape.length)
      shapeError(
        n,
        `\`${name}\` is ${shapeText(base.shape)}: give ${base.shape.length} index${base.shape.length === 1 ? '' : 'es'}`,
      );
    let flat = 0;
    dims.forEach((d, k) => {
      if (!Number.isInteger(d) || d < 1 || d > base.shape[k])
        throw new OverparamError(
          'index-range',
          `index ${d} is out of range 1..${base.shape[k]} for \`${name}\``,
          at(n),
        );
      flat = flat * base.shape[k] + (d - 1);
    });
    return scalar(base.data[flat]);
  };

  const operator = (n: AnyNode): Tensor => {
    const args = (n.args as AnyNode[]).map(go);
    const fn = n.fn as string;
    const [a, b] = args;
    const need = (t: Tensor | undefined, what: string): Tensor => t ?? shapeError(n, what);
    switch (fn) {
      case 'unaryMinus':
        return map(a, (x) => s.neg(x));
      case 'unaryPlus':
        return a;
      case 'transpose':
      case 'ctranspose':
        return transpose(a);
      case 'add':
        return need(
          elementwise(a, b, (x, y) => s.add([x, y])),
          `cannot add ${shapeText(a.shape)} and ${shapeText(b.shape)}`,
        );
      case 'subtract':
        return need(
          elementwise(a, b, (x, y) => s.sub(x, y)),
          `cannot subtract ${shapeText(b.shape)} from ${shapeText(a.shape)}`,
        );
      case 'dotMultiply':
        return need(
          elementwise(a, b, (x, y) => s.mul([x, y])),
          `cannot multiply ${shapeText(a.shape)} and ${shapeText(b.shape)} elementwise`,
        );
      case 'dotDivide':
        return need(
          elementwise(a, b, (x, y) => s.div(x, y)),
          `cannot divide ${shapeText(a.shape)} by ${shapeText(b.shape)} elementwise`,
        );
      case 'dotPow':
        return need(
          elementwise(a, b, (x, y) => s.pow(x, y)),
          `cannot raise ${shapeText(a.shape)} to ${shapeText(b.shape)} elementwise`,
        );
      case 'multiply':
        return need(
          matmul(s, a, b),
          `cannot multiply ${shapeText(a.shape)} by ${shapeText(b.shape)}: inner dimensions differ (use .* for elementwise)`,
        );
      case 'divide':
        if (b.shape.length !== 0)
          shapeError(n, `cannot divide by ${shapeText(b.shape)}; divide by a scalar or use ./ elementwise`);
        return map(a, (x) => s.div(x, b.data[0]));
      case 'pow':
        if (a.shape.length !== 0 || b.shape.length !== 0)
          shapeError(n, `^ takes scalars here (got ${shapeText(a.shape)}); use .^ for elementwise powers`);
        return scalar(s.pow(a.data[0], b.data[0]));
      default:
        throw new OverparamError('not-allowed', `the operator \`${String(n.op)}\` is not allowed`, at(n));
    }
  };

  const call = (n: AnyNode): Tensor => {
    const name = (n.fn as AnyNode).name as string;
    const args = (n.args as AnyNode[]).map(go);
    const arity = (k: number): void => {
      if (args.length !== k)
        throw new OverparamError(
          'shape',
          `\`${name}\` takes ${k} argument${k === 1 ? '' : 's'}, got ${args.length}`,
          at(n),
        );
    };
    if (UNARY.has(name)) {
      arity(1);
      return map(args[0], (x) => s.call(name as UnaryFunction, x));
    }
    switch (name) {
      case 'square':
        arity(1);
        return map(args[0], (x) => s.pow(x, s.num(2)));
      case 'cube':
        arity(1);
        return map(args[0], (x) => s.pow(x, s.num(3)));
      case 'sum':
        arity(1);
        return scalar(sumAll(s, args[0]));
      case 'prod':
        arity(1);
        return scalar(s.mul(args[0].data));
      case 'transpose':
        arity(1);
        return transpose(args[0]);
      case 'norm':
        arity(1);
        return scalar(s.pow(s.add(args[0].data.map((x: Expr) => s.pow(x, s.num(2)))), s.num(0.5)));
      case 'dot': {
        arity(2);
        const [a, b] = args;
        if (a.shape.length !== 1 || b.shape.length !== 1 || a.shape[0] !== b.shape[0])
          shapeError(
            n,
            `dot takes two vectors of the same length (got ${shapeText(a.shape)} and ${shapeText(b.shape)})`,
          );
        return scalar(s.add(a.data.map((x, i) => s.mul([x, b.data[i]]))));
      }
      default:
        throw new OverparamError('not-allowed', `the function \`${name}\` is not allowed`, at(n));
    }
  };

  return go(root as AnyNode);
}

/** Free symbol names of a tree in source order (left to right), each once. */
export function symbolsInOrder(root: MathNode): string[] {
  const seen: string[] = [];
  const visit = (n: AnyNode): void => {
    switch (n.type) {
      case 'SymbolNode':
        if (!seen.includes(n.name as string)) seen.push(n.name as string);
        return;
      case 'ParenthesisNode':
        visit(n.content as AnyNode);
        return;
      case 'OperatorNode':
        (n.args as AnyNode[]).forEach(visit);
        return;
      case 'FunctionNode':
        (n.args as AnyNode[]).forEach(visit);
        return;
      case 'ArrayNode':
        (n.items as AnyNode[]).forEach(visit);
        return;
      case 'AccessorNode':
        visit(n.object as AnyNode);
        ((n.index as AnyNode).dimensions as AnyNode[]).forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(root as AnyNode);
  return seen;
}
