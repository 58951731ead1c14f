import type { MathNode } from 'mathjs';
import { OverparamError, spanOf, type Span } from '../diagnostic';
import { UNARY_FUNCTIONS } from '../symbolic/expr';
import type { Token } from './lexer';
import { LIMITS } from './limits';

/** Functions a user may call: the scalar ones plus a few that reduce or reshape vectors. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set<string>([
  ...UNARY_FUNCTIONS.filter((f) => f !== 'heaviside' && f !== 'sign'),
  'sum',
  'prod',
  'dot',
  'transpose',
  'norm',
  'square',
  'cube',
]);

/**
 * The distributions of seeded draws. They are not functions: only `const a ~ normal(0, 1)` and `at w ~ uniform(-1, 1)`
 * may name them (src/core/language/drawSyntax.ts), and a call anywhere else is rejected like any unknown function.
 */
export const DISTRIBUTIONS: ReadonlySet<string> = new Set(['normal', 'uniform']);

/** mathjs operator functions the language keeps (`fn` names of OperatorNode). */
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
  'dotMultiply',
  'dotDivide',
  'dotPow',
  'transpose',
  'ctranspose',
]);

/** Operators whose left-nested chains (a + b - c, a * b / c) are flat sums and products, one level deep. */
const CHAIN: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '+',
  multiply: '*',
  divide: '*',
  dotMultiply: '*',
  dotDivide: '*',
};

/** Where each node of a parsed expression stands in its line. */
export type NodeSpans = Map<MathNode, Span>;

type AnyNode = MathNode & Record<string, unknown>;

/**
 * Walks a mathjs parse tree and accepts only the language's node types, operators and functions; anything else
 * (assignments, function definitions, property access, strings, ranges, conditionals, units of another name) is
 * rejected with its position. Returns the span of every node, matched to the line's tokens in source order.
 */
export function checkAllowed(root: MathNode, tokens: readonly Token[], line: number, lineOffset: number): NodeSpans {
  const leaves = tokens.filter((t) => t.kind !== 'punct');
  const spans: NodeSpans = new Map();
  let cursor = 0;
  const whole =
    tokens.length > 0
      ? spanOf(line, tokens[0].start, tokens[tokens.length - 1].end)
      : spanOf(line, lineOffset, lineOffset + 1);
  const take = (): Span => {
    const t = leaves[cursor++];
    return t ? spanOf(line, t.start, t.end) : whole;
  };
  const join = (a: Span | undefined, b: Span | undefined): Span => {
    if (!a) return b ?? whole;
    if (!b) return a;
    return { line, column: Math.min(a.column, b.column), endLine: line, endColumn: Math.max(a.endColumn, b.endColumn) };
  };
  const fail = (message: string, span: Span): never => {
    throw new OverparamError('not-allowed', message, span);
  };

  const visit = (n: AnyNode, depth = 1): Span => {
    // Deep trees without brackets (x^x^...^x) would overflow the stack later, in expansion or generated code.
    if (depth > LIMITS.depth)
      throw new OverparamError(
        'limit',
        `this expression nests more than ${LIMITS.depth} levels deep; the limit is ${LIMITS.depth}`,
        whole,
      );
    let span: Span | undefined;
    const down = (c: AnyNode): Span => visit(c, depth + 1);
    switch (n.type) {
      case 'ConstantNode': {
        span = take();
        const v = n.value;
        if (typeof v === 'string') fail('strings are not part of the language', span);
        if (typeof v !== 'number')
          fail(`\`${String(v)}\` is not allowed: only numbers, parameters and constants`, span);
        break;
      }
      case 'SymbolNode':
        span = take();
        break;
      case 'ParenthesisNode':
        span = down(n.content as AnyNode);
        break;
      case 'OperatorNode': {
        const args = n.args as AnyNode[];
        // A prefix operator's span starts at the operator itself; we only know leaf positions, so use the args'.
        const chain = CHAIN[n.fn as string];
        // The left operand of a + b + c continues the same flat sum: it stays at this level.
        args.forEach((a, k) => {
          span = join(
            span,
            k === 0 && chain && a.type === 'OperatorNode' && CHAIN[a.fn as string] === chain
              ? visit(a, depth)
              : down(a),
          );
        });
        if (!ALLOWED_OPERATORS.has(n.fn as string))
          fail(`the operator \`${String(n.op)}\` is not allowed (allowed: + - * / ^ .* ./ .^ ')`, span!);
        break;
      }
      case 'FunctionNode': {
        const fn = n.fn as AnyNode;
        if (fn.type !== 'SymbolNode') fail('only named functions can be called', whole);
        span = take();
        const name = fn.name as string;
        if (DISTRIBUTIONS.has(name))
          fail(`\`${name}(…)\` draws random values only after \`~\` in a \`const\` or \`at\` line`, span);
        if (!ALLOWED_FUNCTIONS.has(name))
          fail(`the function \`${name}\` is not allowed; allowed: ${[...ALLOWED_FUNCTIONS].join(', ')}`, span);
        spans.set(fn, span);
        for (const a of n.args as AnyNode[]) span = join(span, down(a));
        break;
      }
      case 'ArrayNode':
        for (const item of n.items as AnyNode[]) span = join(span, down(item));
        span ??= whole;
        break;
      case 'AccessorNode': {
        const obj = n.object as AnyNode;
        const index = n.index as AnyNode;
        if (obj.type !== 'SymbolNode')
          fail('only a named parameter or constant can be indexed, like w[1] or U[1,2]', whole);
        span = down(obj);
        if (index.dotNotation)
          fail(`property access \`.${String((index.dimensions as AnyNode[])[0]?.value)}\` is not allowed`, span);
        for (const d of index.dimensions as AnyNode[]) {
          if (d.type !== 'ConstantNode' && d.type !== 'SymbolNode')
            fail('an index must be a whole number or an index letter, like w[2] or w[i]', span);
          span = join(span, down(d));
        }
        spans.set(index, span);
        break;
      }
      default: {
        const what: Record<string, string> = {
          AssignmentNode: 'an assignment inside an expression',
          FunctionAssignmentNode: 'a function definition',
          ConditionalNode: 'a conditional (a ? b : c)',
          RangeNode: 'a range (a:b)',
          ObjectNode: 'an object literal',
          BlockNode: 'several expressions on one line',
          RelationalNode: 'a comparison',
        };
        fail(`${what[n.type as string] ?? `\`${n.type as string}\``} is not part of the language`, whole);
      }
    }
    spans.set(n, span!);
    return span!;
  };
  visit(root as AnyNode);
  return spans;
}
