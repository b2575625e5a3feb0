import { ts as tsMorphTypeScript } from 'ts-morph';

// The TypeScript API (the copy ts-morph bundles) as one local binding, for types and values.
//
// Values: TypeScript's bundle exports every member through a getter (`get isIdentifier() {…}`),
// and ts-morph's `ts` is a getter too; V8 does not always inline them, so each `ts.isIdentifier`
// in the analysis was a call. The members Goodput uses are read once into one object of plain
// data properties, few enough for V8 to keep it in fast mode (with all 2,000-odd members it is
// a hash table) and fold each member to a constant in optimised code. Whole-corpus analysis ÷
// parse: 1.51 with the getters, 1.45 with all members copied, 1.38 with this list (A/B, 30
// alternating rounds each). A member not listed is a compile error: add it.
//
// Types: the namespace below names the types Goodput uses (a const and a namespace of types only
// may share a name); again, a type not listed is a compile error.
const VALUES = [
  'canHaveDecorators',
  'canHaveModifiers',
  'createScanner',
  'createSourceFile',
  'createTextChangeRange',
  'createTextSpan',
  'factory',
  'findAncestor',
  'forEachChild',
  'getDecorators',
  'getLeadingCommentRanges',
  'getModifiers',
  'isAccessor',
  'isArrayLiteralExpression',
  'isArrowFunction',
  'isAsExpression',
  'isAwaitExpression',
  'isBinaryExpression',
  'isBindingElement',
  'isBlock',
  'isBreakStatement',
  'isCallExpression',
  'isCallOrNewExpression',
  'isCaseBlock',
  'isCaseClause',
  'isCatchClause',
  'isClassDeclaration',
  'isClassExpression',
  'isClassLike',
  'isClassStaticBlockDeclaration',
  'isComputedPropertyName',
  'isConditionalExpression',
  'isConstructorDeclaration',
  'isContinueStatement',
  'isDecorator',
  'isDefaultClause',
  'isDoStatement',
  'isElementAccessExpression',
  'isEnumDeclaration',
  'isExportAssignment',
  'isExportDeclaration',
  'isExpression',
  'isExpressionStatement',
  'isExternalModuleReference',
  'isForInStatement',
  'isForOfStatement',
  'isForStatement',
  'isFunctionDeclaration',
  'isFunctionExpression',
  'isFunctionLike',
  'isGetAccessorDeclaration',
  'isIdentifier',
  'isIfStatement',
  'isImportDeclaration',
  'isImportEqualsDeclaration',
  'isImportSpecifier',
  'isIterationStatement',
  'isJsxAttribute',
  'isJsxExpression',
  'isLiteralExpression',
  'isMethodDeclaration',
  'isModuleBlock',
  'isModuleDeclaration',
  'isNamedImports',
  'isNamespaceExport',
  'isNamespaceImport',
  'isNewExpression',
  'isNonNullExpression',
  'isNoSubstitutionTemplateLiteral',
  'isNumericLiteral',
  'isObjectBindingPattern',
  'isObjectLiteralExpression',
  'isOmittedExpression',
  'isParameterPropertyDeclaration',
  'isParenthesizedExpression',
  'isPostfixUnaryExpression',
  'isPrefixUnaryExpression',
  'isPrivateIdentifier',
  'isPropertyAccessExpression',
  'isPropertyAssignment',
  'isPropertyDeclaration',
  'isQualifiedName',
  'isRegularExpressionLiteral',
  'isReturnStatement',
  'isSatisfiesExpression',
  'isSetAccessorDeclaration',
  'isShorthandPropertyAssignment',
  'isSourceFile',
  'isSpreadAssignment',
  'isSpreadElement',
  'isStringLiteral',
  'isStringLiteralLike',
  'isSwitchStatement',
  'isTaggedTemplateExpression',
  'isTemplateExpression',
  'isTemplateLiteralToken',
  'isThrowStatement',
  'isTryStatement',
  'isTupleTypeNode',
  'isTypeAssertionExpression',
  'isTypeReferenceNode',
  'isVariableDeclaration',
  'isVariableDeclarationList',
  'isVariableStatement',
  'isVoidExpression',
  'isWhileStatement',
  'isYieldExpression',
  'JSDocParsingMode',
  'LanguageVariant',
  'NodeFlags',
  'ScriptKind',
  'ScriptTarget',
  'SyntaxKind',
  'updateSourceFile',
] as const;

type UsedValues = Pick<typeof tsMorphTypeScript, (typeof VALUES)[number]>;

export const ts: UsedValues = Object.fromEntries(VALUES.map((name) => [name, tsMorphTypeScript[name]])) as UsedValues;

// One alias per type, in alphabetical order.
/* eslint-disable @typescript-eslint/no-namespace */
export declare namespace ts {
  export type ArrayLiteralExpression = tsMorphTypeScript.ArrayLiteralExpression;
  export type ArrowFunction = tsMorphTypeScript.ArrowFunction;
  export type AwaitExpression = tsMorphTypeScript.AwaitExpression;
  export type BinaryExpression = tsMorphTypeScript.BinaryExpression;
  export type BinaryOperator = tsMorphTypeScript.BinaryOperator;
  export type BindingElement = tsMorphTypeScript.BindingElement;
  export type BindingName = tsMorphTypeScript.BindingName;
  export type Block = tsMorphTypeScript.Block;
  export type CallExpression = tsMorphTypeScript.CallExpression;
  export type CatchClause = tsMorphTypeScript.CatchClause;
  export type ClassDeclaration = tsMorphTypeScript.ClassDeclaration;
  export type ClassExpression = tsMorphTypeScript.ClassExpression;
  export type ClassLikeDeclaration = tsMorphTypeScript.ClassLikeDeclaration;
  export type ConditionalExpression = tsMorphTypeScript.ConditionalExpression;
  export type CreateSourceFileOptions = tsMorphTypeScript.CreateSourceFileOptions;
  export type DoStatement = tsMorphTypeScript.DoStatement;
  export type ElementAccessExpression = tsMorphTypeScript.ElementAccessExpression;
  export type Expression = tsMorphTypeScript.Expression;
  export type ExpressionStatement = tsMorphTypeScript.ExpressionStatement;
  export type ForOfStatement = tsMorphTypeScript.ForOfStatement;
  export type ForStatement = tsMorphTypeScript.ForStatement;
  export type FunctionDeclaration = tsMorphTypeScript.FunctionDeclaration;
  export type FunctionExpression = tsMorphTypeScript.FunctionExpression;
  export type FunctionLikeDeclaration = tsMorphTypeScript.FunctionLikeDeclaration;
  export type HasModifiers = tsMorphTypeScript.HasModifiers;
  export type Identifier = tsMorphTypeScript.Identifier;
  export type IfStatement = tsMorphTypeScript.IfStatement;
  export type ImportDeclaration = tsMorphTypeScript.ImportDeclaration;
  export type ImportEqualsDeclaration = tsMorphTypeScript.ImportEqualsDeclaration;
  export type JSDocParsingMode = tsMorphTypeScript.JSDocParsingMode;
  export type LanguageVariant = tsMorphTypeScript.LanguageVariant;
  export type MethodDeclaration = tsMorphTypeScript.MethodDeclaration;
  export type ModuleExportName = tsMorphTypeScript.ModuleExportName;
  export type NewExpression = tsMorphTypeScript.NewExpression;
  export type Node = tsMorphTypeScript.Node;
  export type NodeArray<T extends Node> = tsMorphTypeScript.NodeArray<T>;
  export type NodeFlags = tsMorphTypeScript.NodeFlags;
  export type NumericLiteral = tsMorphTypeScript.NumericLiteral;
  export type ObjectLiteralElementLike = tsMorphTypeScript.ObjectLiteralElementLike;
  export type ObjectLiteralExpression = tsMorphTypeScript.ObjectLiteralExpression;
  export type ParameterDeclaration = tsMorphTypeScript.ParameterDeclaration;
  export type PropertyAccessExpression = tsMorphTypeScript.PropertyAccessExpression;
  export type PropertyAssignment = tsMorphTypeScript.PropertyAssignment;
  export type PropertyDeclaration = tsMorphTypeScript.PropertyDeclaration;
  export type PropertyName = tsMorphTypeScript.PropertyName;
  export type ReturnStatement = tsMorphTypeScript.ReturnStatement;
  export type ScriptKind = tsMorphTypeScript.ScriptKind;
  export type ScriptTarget = tsMorphTypeScript.ScriptTarget;
  export type SignatureDeclaration = tsMorphTypeScript.SignatureDeclaration;
  export type SourceFile = tsMorphTypeScript.SourceFile;
  export type Statement = tsMorphTypeScript.Statement;
  export type StringLiteral = tsMorphTypeScript.StringLiteral;
  export type StringLiteralLike = tsMorphTypeScript.StringLiteralLike;
  export type SyntaxKind = tsMorphTypeScript.SyntaxKind;
  export type TryStatement = tsMorphTypeScript.TryStatement;
  export type TypeNode = tsMorphTypeScript.TypeNode;
  export type VariableDeclaration = tsMorphTypeScript.VariableDeclaration;
  export type VariableDeclarationList = tsMorphTypeScript.VariableDeclarationList;
  export type WhileStatement = tsMorphTypeScript.WhileStatement;
}
