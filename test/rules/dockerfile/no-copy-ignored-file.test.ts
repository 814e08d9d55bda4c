import rule from '../../../src/rules/dockerfile/no-copy-ignored-file.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const files = { '.dockerignore': '# comment\nnode_modules\n*.md\n!README.md\ndist\n!dist/app.js\n.env\n' };

ruleTester(rule, {
  valid: [
    { code: 'FROM node\nCOPY . .\nCOPY README.md src/ /app/\n', files },
    { code: 'FROM node\nCOPY node_modules /x\n', name: 'no .dockerignore' },
    { code: 'FROM node AS a\nFROM node\nCOPY --from=a node_modules /x\n', files },
    { code: 'FROM node\nCOPY <<EOF .env\nA=1\nEOF\n', files },
    { code: 'FROM node\nADD https://example.com/a.md /x\n', files },
    { code: 'FROM node\nCOPY dist /app/dist\n', files, name: 'directory with an exception below it' },
    { code: 'FROM node\nCOPY docs/a.md /x\n', files, name: 'root-anchored pattern' },
    {
      name: 'a malformed pattern (BuildKit rejects it) matches nothing; one that a backtracking RegExp never finishes is answered',
      code: `FROM node\nCOPY [z-a] ${'a'.repeat(45)}c /x/\n`,
      files: { '.dockerignore': '[z-a]\n**/**/**/**/**/**/**/**/**/**/a*a*a*a*a*a*a*a*a*a*a*a*b\n' },
    },
  ],
  invalid: [
    {
      code: 'FROM node\nCOPY package.json node_modules/ /app/\n',
      files,
      errors: [{ messageId: 'ignored', line: 2, column: 19, text: 'node_modules/', aliases: ['CopyIgnoredFile'] }],
    },
    {
      name: 'paths are normalised and variables expanded',
      code: 'FROM node\nARG F=.env\nCOPY ./$F /app/\nADD ["CHANGELOG.md", "/app/"]\n',
      files,
      errors: [{ line: 3, text: './$F' }, { line: 4, text: '"CHANGELOG.md"' }],
    },
    {
      name: 'the per-Dockerfile ignore file wins',
      code: 'FROM node\nCOPY src /app\nCOPY .env /app\n',
      files: { ...files, 'Dockerfile.dockerignore': 'src\n' },
      errors: [{ line: 2, text: 'src' }],
    },
    {
      name: 'regular-expression characters in patterns are literal',
      code: 'FROM node\nCOPY foo(bar a+ /x/\n',
      files: { '.dockerignore': 'foo(bar\na+\n' },
      errors: [{ text: 'foo(bar' }, { text: 'a+' }],
    },
    {
      name: 'inside a parent directory that is ignored',
      code: 'FROM node\nCOPY dist/other.js /app/\n',
      files,
      errors: 1,
    },
  ],
});
