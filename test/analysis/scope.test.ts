import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from '../../server/src/typescript';
import { findBinding } from '../../server/src/analysis/scope';

// Names are resolved by scope tables built once per scope. The first declaration of a name in a
// scope is the one it refers to, inner scopes shadow outer ones, and `var` is hoisted to its function.

/** The binding of the identifier marked `/*@*​/name` in `code`, described by its kind and the declaration's line. */
function bindingAt(code: string): string {
  const sourceFile = ts.createSourceFile('/ws/a.ts', code, ts.ScriptTarget.Latest, true);
  const marker = code.indexOf('/*@*/') + '/*@*/'.length;
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.getStart() === marker) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(found, 'marker not found');
  const binding = findBinding(found.text, found);
  if (!binding) return 'global';
  const node = 'node' in binding ? binding.node : binding.declaration;
  return `${binding.kind}@${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

const cases: Array<[string, string, string]> = [
  ['an undeclared name is a global', `fetch;\n/*@*/fetch('x');`, 'global'],
  ['a module-level const', `const a = 1;\n/*@*/a;`, 'variable@1'],
  ['the first of two declarations', `var a = 1;\nvar a = 2;\n/*@*/a;`, 'variable@1'],
  ['a parameter shadows a module variable', `const a = 1;\nfunction f(a) {\n  return /*@*/a;\n}`, 'parameter@2'],
  ['a parameter comes before a hoisted var of the same name', `function f(a) {\n  if (x) {\n    var a = 2;\n  }\n  return /*@*/a;\n}`, 'parameter@1'],
  ['a var in a nested block is hoisted to the function', `function f() {\n  if (x) {\n    var a = 2;\n  }\n  return /*@*/a;\n}`, 'variable@3'],
  ['a var inside a nested function is not hoisted out of it', `const a = 0;\nfunction f() {\n  function g() { var a = 2; }\n  return /*@*/a;\n}`, 'variable@1'],
  ['a let in a block is not visible after it', `const a = 0;\nfunction f() {\n  {\n    let a = 1;\n  }\n  return /*@*/a;\n}`, 'variable@1'],
  ['a destructured element', `const { b, c: { d } } = x;\n/*@*/d;`, 'variable@1'],
  ['a renamed destructured element', `const { b: e } = x;\n/*@*/e;`, 'variable@1'],
  ['an array pattern skips holes', `const [, f] = x;\n/*@*/f;`, 'variable@1'],
  ['a default import', `import got from 'got';\n/*@*/got('x');`, 'import@1'],
  ['a named import', `import { request } from 'undici';\n/*@*/request('x');`, 'import@1'],
  ['a namespace import', `import * as http from 'http';\n/*@*/http.get('x');`, 'import@1'],
  ['an import-equals', `import axios = require('axios');\n/*@*/axios;`, 'import@1'],
  ['a function declaration', `/*@*/g();\nfunction g() {}`, 'function@2'],
  ['a class declaration', `class C {}\nnew /*@*/C();`, 'class@1'],
  ['an enum', `enum E { A }\n/*@*/E.A;`, 'other@1'],
  ['a catch variable', `try {} catch (err) {\n  /*@*/err;\n}`, 'other@1'],
  ['a destructured catch variable', `try {} catch ({ message }) {\n  /*@*/message;\n}`, 'other@1'],
  ['a for-of variable', `for (const item of items) {\n  /*@*/item;\n}`, 'variable@1'],
  ['a named function expression sees its own name', `const h = function self() {\n  return /*@*/self;\n};`, 'function@1'],
  ['a named class expression sees its own name', `const K = class Self {\n  m() { return /*@*/Self; }\n};`, 'class@1'],
  ['a case clause scope', `switch (x) {\n  case 1:\n    const a = 1;\n    /*@*/a;\n}`, 'variable@3'],
];

for (const [name, code, expected] of cases) {
  test(`scope: ${name}`, () => assert.equal(bindingAt(code), expected));
}
