// The factories are typed in ./mathjsFactories.d.ts (mathjs does not declare them).
import type {} from './mathjsFactories';
import {
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createParse,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  type MathNode,
} from 'mathjs';

type Factory = (deps: Record<string, unknown>) => unknown;
const make = (f: unknown, deps: Record<string, unknown>): unknown => (f as Factory)(deps);

/**
 * A parse-only mathjs: mathjs's own parser and node classes, built from their factories with INERT evaluation
 * dependencies (an empty `math` namespace, no units, no matrices). User text is parsed with it and never evaluated
 * or compiled by mathjs (our symbolic layer walks the allowlisted tree), and even a node that slipped through could
 * not reach `config`, `createUnit`, `import` or units: there is nothing behind it. Building it costs a few ms,
 * against ~120 ms for `create({ parseDependencies })`, which matters for a CLI run that must finish in 0.4 s.
 */
function makeParser(): (text: string) => MathNode {
  const inert = Object.freeze({});
  // `parse` is declared as a typed-function over several signatures; we only ever call the `string` one.
  const typed = Object.assign((_name: string, signatures: Record<string, unknown>) => signatures.string, {
    addConversion: () => undefined,
  });
  const Node = make(createNode, { mathWithTransform: inert });
  const SymbolNode = make(createSymbolNode, { math: inert, Node });
  const parse = make(createParse, {
    typed,
    numeric: (text: string) => Number(text),
    config: Object.freeze({ number: 'number' }),
    Node,
    SymbolNode,
    ConstantNode: make(createConstantNode, { Node, isBounded: () => true }),
    OperatorNode: make(createOperatorNode, { Node }),
    FunctionNode: make(createFunctionNode, { math: inert, Node, SymbolNode }),
    ParenthesisNode: make(createParenthesisNode, { Node }),
    ArrayNode: make(createArrayNode, { Node }),
    AccessorNode: make(createAccessorNode, { subset: inert, Node }),
    IndexNode: make(createIndexNode, { Node, size: inert }),
    AssignmentNode: make(createAssignmentNode, { subset: inert, matrix: inert, Node }),
    BlockNode: make(createBlockNode, { ResultSet: inert, Node }),
    ConditionalNode: make(createConditionalNode, { Node }),
    FunctionAssignmentNode: make(createFunctionAssignmentNode, { typed, Node }),
    ObjectNode: make(createObjectNode, { Node }),
    RangeNode: make(createRangeNode, { Node }),
    RelationalNode: make(createRelationalNode, { Node }),
  }) as (text: string) => MathNode;
  return (text: string) => parse(text);
}

let parser: ((text: string) => MathNode) | undefined;

/** Parses one expression with mathjs; throws mathjs's SyntaxError (its message names a 1-based `char N`). */
export function parseMath(text: string): MathNode {
  // The parser holds no state that user text can change (it is never evaluated); build it once, on first use.
  parser ??= makeParser();
  return parser(text);
}

/** The 0-based offset a mathjs syntax error message points at (its "(char N)" is 1-based), or undefined. */
export function mathjsErrorOffset(message: string): number | undefined {
  const m = /\(char (\d+)\)/.exec(message);
  return m ? Math.max(0, Number(m[1]) - 1) : undefined;
}
