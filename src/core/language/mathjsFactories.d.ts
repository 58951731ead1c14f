// mathjs exports its factory functions at runtime but not in its type declarations; the parse-only instance in
// mathjsParser.ts builds the parser from them.
import 'mathjs';

declare module 'mathjs' {
  export const createAccessorNode: unknown,
    createArrayNode: unknown,
    createAssignmentNode: unknown,
    createBlockNode: unknown,
    createConditionalNode: unknown,
    createConstantNode: unknown,
    createFunctionAssignmentNode: unknown,
    createFunctionNode: unknown,
    createIndexNode: unknown,
    createNode: unknown,
    createObjectNode: unknown,
    createOperatorNode: unknown,
    createParenthesisNode: unknown,
    createParse: unknown,
    createRangeNode: unknown,
    createRelationalNode: unknown,
    createSymbolNode: unknown;
}
