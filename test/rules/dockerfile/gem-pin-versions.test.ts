import rule from '../../../src/rules/dockerfile/gem-pin-versions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler:2.5.6\n',
    'FROM ruby:3.3\nRUN gem i bundler:1 nokogiri:1.16.2\n',
    "FROM ruby:3.3\nRUN gem install bundler -v '2.0.1'\n",
    "FROM ruby:3.3\nRUN gem install bundler --version='2.0.1'\n",
    'FROM ruby:3.3\nRUN gem install --no-document bundler:2.0.1 -- --use-system-libraries=true\n',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true\n',
    'FROM ruby:3.3\nRUN gem install ./vendor/my.gem local.gem\n',
    'FROM ruby:3.3\nRUN gem update --system 3.5.6\n',
    'FROM ruby:3.3\nARG BUNDLER=bundler:2.5.6\nRUN gem install $BUNDLER\n',
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install bundler\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 17, text: 'bundler', aliases: ['DL3028'] }],
      fix: null,
    },
    {
      name: 'one finding per gem; option values are not gems',
      code: 'FROM ruby:3.3\nRUN gem i --install-dir /gems bunlder:1 nokogiri rails\n',
      errors: [{ text: 'nokogiri' }, { text: 'rails' }],
    },
    {
      name: 'multi-line, sudo, ONBUILD',
      code: df`
        FROM ruby:3.3
        ONBUILD RUN echo start \\
         && sudo gem install --no-document rake
      `,
      errors: [{ line: 3, column: 36, text: 'rake' }],
    },
  ],
});
