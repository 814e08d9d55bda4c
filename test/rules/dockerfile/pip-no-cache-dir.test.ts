import rule from '../../../src/rules/dockerfile/pip-no-cache-dir.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=1 pip install flask\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=true pip install flask\n',
    'FROM python:3.12\nRUN pipx install black\n',
    'FROM python:3.12\nRUN python -m pip install --no-cache-dir -r requirements.txt\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM python:3.12\nRUN sudo -H pip install flask\n',
      errors: [{ text: 'sudo -H pip install flask' }],
      output: 'FROM python:3.12\nRUN sudo -H pip install --no-cache-dir flask\n',
    },
    {
      code: 'FROM python:3.12\nRUN pip install flask\n',
      errors: [{ messageId: 'noCacheDir', line: 2, column: 5, text: 'pip install flask', aliases: ['DL3042'] }],
      fix: 'safe',
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'finding points at the pip command inside a multi-line RUN',
      code: df`
        FROM python:3.12
        RUN apt-get update \\
         && python3 -m pip install -r requirements.txt \\
         && echo done
      `,
      errors: [{ line: 3, column: 5, endLine: 3 }],
      output: df`
        FROM python:3.12
        RUN apt-get update \\
         && python3 -m pip install --no-cache-dir -r requirements.txt \\
         && echo done
      `,
    },
    {
      name: 'heredoc body',
      code: 'FROM python:3.12\nRUN <<EOF\nset -e\npip3 install flask\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM python:3.12\nRUN <<EOF\nset -e\npip3 install --no-cache-dir flask\nEOF\n',
    },
    {
      name: 'ENV PIP_NO_CACHE_DIR set to a false value does not exempt',
      code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask\n',
      errors: 1,
    },
  ],
});
