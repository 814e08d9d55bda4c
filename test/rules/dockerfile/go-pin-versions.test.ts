import rule from '../../../src/rules/dockerfile/go-pin-versions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22\nRUN go install example.com/pkg@v1.2.3\n',
    'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3 honnef.co/go/tools/cmd/staticcheck@2023.1.7\n',
    'FROM golang:1.22\nRUN go install -ldflags "-s -w" example.com/cmd/...@v1.0.0\n',
    'FROM golang:1.22\nRUN go get example.com/pkg@v1.2.3\n',
    'FROM golang:1.22\nRUN go get -tool foobar@v1.2.3\n',
    'FROM golang:1.22\nRUN go run example.com/pkg@v1.2.3 --foo bar\n',
    'FROM golang:1.22\nRUN go install . && go install ./cmd/... && go install /go/src/app\n',
    'FROM golang:1.22\nRUN go run main.go serve\n',
    'FROM golang:1.22\nRUN go build -o /app ./cmd/app\n',
    'FROM golang:1.22\nRUN go get example.com/pkg@9f1c2a3b\n',
    { name: 'ARG without a default: set with --build-arg', code: 'FROM golang:1.22\nARG MOCKERY_VERSION\nRUN go install github.com/vektra/mockery/v2@${MOCKERY_VERSION}\n' },
    'FROM golang:1.22\nARG LINT_VERSION=v1.57.2\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@${LINT_VERSION}\n',
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nRUN go install example.com/pkg\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 16, text: 'example.com/pkg', aliases: ['DL3062'] }],
      fix: null,
    },
    {
      name: '@latest and branch names move',
      code: 'FROM golang:1.22\nRUN go install example.com/a@latest example.com/b@master\n',
      errors: [{ messageId: 'moving', text: 'example.com/a@latest' }, { messageId: 'moving', text: 'example.com/b@master' }],
    },
    {
      name: 'go get -tool, go run: only the program, not its arguments',
      code: 'FROM golang:1.22\nRUN go get -tool foobar && go run example.com/gen@latest ./out\n',
      errors: [{ text: 'foobar' }, { text: 'example.com/gen@latest' }],
    },
    {
      name: 'ARG from another stage does not count',
      code: 'FROM golang:1.22 AS a\nARG V=v1\nFROM golang:1.22\nRUN go install example.com/pkg@$V\n',
      errors: [{ messageId: 'unpinned', line: 4 }],
    },
    {
      name: 'multi-line, env wrapper, ONBUILD',
      code: df`
        FROM golang:1.22
        ONBUILD RUN echo start \\
         && env CGO_ENABLED=0 go install example.com/tool@latest
      `,
      errors: [{ line: 3, column: 34, text: 'example.com/tool@latest' }],
    },
  ],
});
