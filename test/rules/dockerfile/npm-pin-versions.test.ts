import rule from '../../../src/rules/dockerfile/npm-pin-versions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN npm install\n',
    'FROM node:20\nRUN npm ci\n',
    'FROM node:20\nRUN npm install --omit dev\n',
    'FROM node:20\nRUN npm install express@4.18.2\n',
    'FROM node:20\nRUN npm i -g @scope/pkg@1.2.3 typescript@"~5.3.0"\n',
    'FROM node:20\nRUN npm install --loglevel verbose --registry https://example.com sax@0.1.1\n',
    'FROM node:20\nRUN npm install ./folder ../other /abs ~/home\n',
    'FROM node:20\nRUN npm install package-v1.2.3.tgz\n',
    'FROM node:20\nRUN npm install https://example.com/pkg.tgz\n',
    'FROM node:20\nRUN npm install git+https://github.com/npm/cli.git#v10.2.0\n',
    'FROM node:20\nRUN npm install github:npm/cli#v10.2.0\n',
    'FROM node:20\nRUN npm run --silent install\n',
    'FROM node:20\nRUN npm install express@$EXPRESS_VERSION\n',
    'FROM node:20\nRUN npm install $PKG\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM node:20\nRUN sudo npm install -g typescript\n',
      errors: [{ text: 'typescript' }],
    },
    {
      code: 'FROM node:20\nRUN npm install express\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 17, text: 'express', aliases: ['DL3016'] }],
      fix: null,
    },
    {
      name: 'scoped package without version',
      code: 'FROM node:20\nRUN npm install -g @myorg/tool\n',
      errors: [{ text: '@myorg/tool' }],
    },
    {
      name: '@latest is not a version',
      code: 'FROM node:20\nRUN npm install -g npm@latest\n',
      errors: [{ text: 'npm@latest' }],
    },
    {
      name: 'git URL without a ref',
      code: 'FROM node:20\nRUN npm install git+ssh://git@github.com:npm/cli.git\n',
      errors: 1,
    },
    {
      name: 'GitHub shorthand without a ref',
      code: 'FROM node:20\nRUN npm install npm/cli\n',
      errors: 1,
    },
    {
      name: 'registry given with =',
      code: 'FROM node:20\nRUN npm install --registry=https://example.com express sax@0.1.1\n',
      errors: [{ text: 'express' }],
    },
    {
      name: 'multi-line RUN and ONBUILD',
      code: 'FROM node:20\nONBUILD RUN npm install -g \\\n    typescript@5.3.3 \\\n    ts-node\n',
      errors: [{ line: 4, column: 5, text: 'ts-node' }],
    },
  ],
});
