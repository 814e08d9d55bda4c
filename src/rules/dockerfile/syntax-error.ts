import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'syntax-error',
    code: 'DF100',
    target: 'dockerfile',
    category: 'correctness',
    description: 'The Dockerfile does not parse the way BuildKit would accept it.',
    recommended: true,
    severity: 'error',
    messages: { syntax: '{{message}}' },
    aliases: ['DL1000'],
  },
  // reported by the engine from the parser's problems
  create: () => ({}),
});
