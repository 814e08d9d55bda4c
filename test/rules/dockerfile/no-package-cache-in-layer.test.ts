import rule from '../../../src/rules/dockerfile/no-package-cache-in-layer.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN npm ci && npm cache clean --force\n',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    'FROM node:20\nRUN npm ci && rm -rf /root/.npm\n',
    'FROM node:20\nRUN npm ci && rm -rf ~/.npm\n',
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM fedora:40\nRUN dnf install -y gcc && dnf clean all\n',
    'FROM centos:7\nRUN yum install -y gcc && yum clean all\n',
    'FROM opensuse/leap\nRUN zypper install -y gcc && zypper clean --all\n',
    'FROM composer:2\nRUN composer install --no-cache\n',
    { name: 'pip is pip-no-cache-dir territory', code: 'FROM python:3.12\nRUN pip install flask\n' },
    { name: 'yum is yum-clean-all territory', code: 'FROM centos:7\nRUN yum install -y gcc\n' },
    { name: 'dnf is dnf-clean-all territory', code: 'FROM fedora:40\nRUN dnf install -y gcc && microdnf install -y make\n' },
    { name: 'zypper is zypper-clean territory', code: 'FROM opensuse/leap\nRUN zypper -n install gcc\n' },
    { name: 'Yarn is yarn-cache-clean territory', code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n' },
    { name: 'apk is apk-no-cache territory', code: 'FROM alpine\nRUN apk add curl\n' },
    { name: 'apt lists are apt-lists-cleanup territory; archives are deleted by docker-clean', code: 'FROM debian\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'docker-clean removed after the install, in the same RUN', code: 'FROM debian\nRUN apt-get install -y curl && rm -f /etc/apt/apt.conf.d/docker-clean\n' },
    { name: 'docker-clean removed in a later RUN', code: 'FROM debian\nRUN apt-get install -y curl\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n' },
    { name: 'docker-clean removed in another stage that is not a base', code: 'FROM debian AS a\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM debian\nRUN apt-get install -y curl\n' },
    {
      name: 'builder stage only read through COPY --from ships nothing',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
    'FROM golang:1.22\nRUN go build -o /app . && go clean -cache -modcache\n',
    { name: 'Windows images are not modelled', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet restore\n' },
    { name: 'version checks are not installs', code: 'FROM ruby:3.3\nRUN yarn -v && bundle --version && yarn --help\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN npm ci\n',
      errors: [{ messageId: 'cacheLeft', line: 2, column: 5, text: 'npm ci' }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM node:20\nRUN npm ci && npm cache clean --force\n',
    },
    {
      name: 'trailing continuation style: && at line end',
      code: df`
        FROM node:20
        RUN npm install \\
              express \\
              lodash && \\
            echo ok
      `,
      errors: [{ line: 2, column: 5 }],
      unsafeOutput: df`
        FROM node:20
        RUN npm install \\
              express \\
              lodash && \\
            echo ok && \\
            npm cache clean --force
      `,
    },
    {
      name: 'leading continuation style: && at line start, CRLF',
      code: 'FROM node:20\r\nRUN npm ci \\\r\n && echo ok\r\n',
      errors: 1,
      unsafeOutput: 'FROM node:20\r\nRUN npm ci \\\r\n && echo ok \\\r\n && npm cache clean --force\r\n',
    },
    {
      name: 'heredoc: a new line in the script',
      code: 'FROM node:20\nRUN <<EOF\nset -e\nnpm ci\nEOF\n',
      errors: [{ line: 4, column: 1, text: 'npm ci' }],
      unsafeOutput: 'FROM node:20\nRUN <<EOF\nset -e\nnpm ci\nnpm cache clean --force\nEOF\n',
    },
    {
      name: 'exec form sh -c',
      code: 'FROM node:20\nRUN ["sh", "-c", "npm ci"]\n',
      errors: 1,
      unsafeOutput: 'FROM node:20\nRUN ["sh", "-c", "npm ci && npm cache clean --force"]\n',
    },
    {
      name: 'go in the final stage: both caches',
      code: 'FROM golang:1.22\nRUN go build -o /app .\n',
      errors: [{ text: 'go build -o /app .' }],
      unsafeOutput: 'FROM golang:1.22\nRUN go build -o /app . && go clean -cache -modcache\n',
    },
    {
      name: 'cargo, maven, gradle, gem: rm -rf of the cache dirs',
      code: 'FROM rust:1\nRUN cargo install ripgrep\nRUN mvn package\nRUN gradle build\nFROM ruby:3.3\nRUN bundle install\n',
      errors: [{ line: 6, text: 'bundle install' }],
      unsafeOutput: 'FROM rust:1\nRUN cargo install ripgrep\nRUN mvn package\nRUN gradle build\nFROM ruby:3.3\nRUN bundle install && rm -rf /usr/local/bundle/cache\n',
    },
    {
      name: 'the final stage built FROM an earlier stage ships its layers',
      code: 'FROM rust:1 AS base\nRUN cargo install ripgrep\nFROM base\nCMD ["rg"]\n',
      errors: 1,
      unsafeOutput: 'FROM rust:1 AS base\nRUN cargo install ripgrep && rm -rf /usr/local/cargo/registry /usr/local/cargo/git/db\nFROM base\nCMD ["rg"]\n',
    },
    {
      name: 'maven and gradle for a non-root user',
      code: 'FROM eclipse-temurin:21\nRUN useradd -m -d /srv/app app\nUSER app\nRUN ./mvnw -B package && ./gradlew build\n',
      errors: [{ text: './mvnw -B package' }, { text: './gradlew build' }],
      unsafeOutput: 'FROM eclipse-temurin:21\nRUN useradd -m -d /srv/app app\nUSER app\nRUN ./mvnw -B package && ./gradlew build && rm -rf /srv/app/.m2/repository && rm -rf /srv/app/.gradle/caches\n',
    },
    {
      name: 'apt archives once docker-clean is removed',
      code: 'FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ messageId: 'aptArchives', line: 3, text: 'apt-get install -y curl' }],
      unsafeOutput: 'FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get clean\n',
    },
    {
      name: 'apt archives once docker-clean is removed earlier in the same RUN',
      code: 'FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean && apt-get install -y git\n',
      errors: [{ messageId: 'aptArchives', line: 2, text: 'apt-get install -y git' }],
    },
    {
      name: 'apt archives once a base stage keeps downloaded packages',
      code: 'FROM debian AS base\nRUN echo \'APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep\nFROM base\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'aptArchives', line: 4, text: 'apt-get install -y curl' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:20\nONBUILD RUN pnpm install\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM node:20\nONBUILD RUN pnpm install && rm -rf /root/.local/share/pnpm/store\n',
    },
    {
      name: 'trailing comment: no fix',
      code: 'FROM node:20\nRUN npm ci # deps\n',
      errors: 1,
      fix: null,
    },
  ],
});
