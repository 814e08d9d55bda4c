import { describe, expect, it } from 'vitest';
import rule, { findSecrets, mask } from '../../../src/rules/dockerfile/no-secrets-in-values.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// assembled at run time so that secret scanners do not flag this file
const GH = 'ghp_' + 'R4nd0mT0k3nV4lu3abcdefGHIJKLmnopQRST12';
const GL = 'glpat-' + 'x9Kq2LmZ7vR4tYb8NwPc';
const AWS_ID = 'AKIA' + 'Z7QK3M5N2P4R6T8V';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'Q9z8Lk3Mn2';
const SLACK = 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const STRIPE = 'sk_live_' + '51HqLyjWDarjtT1zdp7dcXyZ';
const GOOGLE = 'AIza' + 'SyD3kR9vX2mQ7pL5nT8wB4cF6hJ1gK0zYxw';
const NPM = 'npm_' + 'a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ';
const KEY = '-----BEGIN ' + 'RSA PRIVATE KEY-----';

describe('findSecrets', () => {
  it('finds the provider formats and masks them', () => {
    for (const s of [GH, GL, AWS_ID, SLACK, STRIPE, GOOGLE, NPM]) expect(findSecrets(`x ${s} y`).map((h) => h.secret), s).toEqual([s]);
    expect(findSecrets(`aws_secret_access_key=${AWS_SECRET}`).map((h) => h.kind)).toEqual(['AWS secret access key']);
    expect(mask(GH)).toBe('ghp_******** (42 characters)');
    expect(mask(GH)).not.toContain(GH.slice(4, 12));
  });

  it('ignores references, placeholders, examples and low-entropy strings', () => {
    expect(findSecrets('https://${USER}:${PASSWORD}@example.com')).toEqual([]);
    expect(findSecrets('https://user:$TOKEN@example.com')).toEqual([]);
    expect(findSecrets('postgres://user:password@db/app')).toEqual([]);
    expect(findSecrets('https://user:<password>@x')).toEqual([]);
    expect(findSecrets('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(findSecrets('ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual([]);
    expect(findSecrets('git@github.com:org/repo.git')).toEqual([]);
  });
});

ruleTester(rule, {
  valid: [
    'FROM debian\nARG GITHUB_TOKEN\nRUN --mount=type=secret,id=gh,env=GITHUB_TOKEN git clone https://x-access-token:${GITHUB_TOKEN}@github.com/org/repo\n',
    'FROM debian\nENV DATABASE_URL=postgres://app:changeme@db/app\n',
    'FROM debian\nENV DATABASE_URL="postgresql://placeholder:placeholder@localhost:5432/db" AMQP=amqp://guest:guest@mq:5672\n',
    'FROM debian\nLABEL org.opencontainers.image.source=https://github.com/org/repo\n',
    'FROM debian\nRUN echo "-----BEGIN PUBLIC KEY-----"\n',
    `FROM debian\nRUN echo ok \\\n# token: ${GH}\n && echo done\n`,
  ],
  invalid: [
    {
      code: `FROM debian\nENV GITHUB_TOKEN=${GH}\n`,
      errors: [{ messageId: 'secret', line: 2, column: 18, text: GH }],
    },
    {
      name: 'ARG default, LABEL and RUN',
      code: `FROM debian\nARG NPM=${NPM}\nLABEL slack="${SLACK}"\nRUN curl -H "Authorization: token ${GL}" https://gitlab.com/api\n`,
      errors: [{ line: 2, text: NPM }, { line: 3, text: SLACK }, { line: 4, text: GL }],
    },
    {
      name: 'password in a URL inside a multi-line RUN',
      code: 'FROM debian\nRUN apt-get update \\\n && git clone https://deploy:Zx8vQ2pL9r@git.example.com/app.git\n',
      errors: [{ line: 3, column: 30, text: 'Zx8vQ2pL9r' }],
    },
    {
      name: 'private key in a COPY heredoc',
      code: `FROM debian\nCOPY <<EOF /root/.ssh/id_rsa\n${KEY}\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nEOF\n`,
      errors: [{ line: 3, column: 1, text: KEY }],
    },
    {
      name: 'AWS keys in ONBUILD',
      code: `FROM debian\nONBUILD RUN aws configure set aws_access_key_id ${AWS_ID} && aws configure set aws_secret_access_key ${AWS_SECRET}\n`,
      errors: [{ text: AWS_ID }, { text: AWS_SECRET }],
    },
    {
      name: 'Stripe and Google keys in CMD',
      code: `FROM debian\nCMD ["app", "--stripe", "${STRIPE}", "--maps", "${GOOGLE}"]\n`,
      errors: [{ text: STRIPE }, { text: GOOGLE }],
    },
  ],
});
