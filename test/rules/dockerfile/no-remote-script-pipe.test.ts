import rule from '../../../src/rules/dockerfile/no-remote-script-pipe.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\n',
    'FROM debian\nRUN curl -fsSLo install.sh https://sh.rustup.rs && echo "abc  install.sh" | sha256sum -c - && sh install.sh\n',
    'FROM debian\nRUN curl -fsSL https://example.com/install.sh | sh && gpg --verify x.sig x\n',
    'FROM debian\nRUN wget https://example.com/install.sh && sh install.sh\n',
    'FROM debian\nRUN wget -q https://example.com/x | sh\n',
    'FROM debian\nRUN echo curl | sh\n',
    'FROM debian\nRUN sh -c "$(cat /etc/profile)"\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN curl -fsSL https://get.docker.com | sh\n',
      errors: [{ messageId: 'pipe', line: 2, column: 5, text: 'curl -fsSL https://get.docker.com | sh' }],
    },
    {
      name: 'wget -qO-, sudo, multi-line',
      code: df`
        FROM debian
        RUN apt-get update \\
         && wget -qO- https://deb.nodesource.com/setup_20.x | sudo -E bash - \\
         && apt-get install -y nodejs
      `,
      errors: [{ line: 3, column: 5, text: 'wget -qO- https://deb.nodesource.com/setup_20.x | sudo -E bash -' }],
    },
    {
      name: 'interpreters other than sh',
      code: 'FROM python\nRUN curl -sSL https://install.python-poetry.org | python3 -\n',
      errors: [{ text: 'curl -sSL https://install.python-poetry.org | python3 -' }],
    },
    {
      name: 'command substitution and process substitution',
      code: 'FROM debian\nRUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"\nRUN bash <(curl -s https://example.com/i.sh)\n',
      errors: [
        { messageId: 'substitution', line: 2, column: 5 },
        { messageId: 'substitution', line: 3, column: 5 },
      ],
    },
    {
      name: 'heredoc and ONBUILD',
      code: 'FROM debian\nRUN <<EOF\ncurl -fsSL https://example.com/i.sh | bash\nEOF\nONBUILD RUN curl https://example.com/i.sh | sh\n',
      errors: [{ line: 3, column: 1 }, { line: 5, column: 13 }],
    },
  ],
});
