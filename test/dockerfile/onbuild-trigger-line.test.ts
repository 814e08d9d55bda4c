import { describe, expect, it } from 'vitest';
import { DockerfileSource } from '../../src/dockerfile/source.js';

describe('ONBUILD trigger position', () => {
  it('gives the trigger the line of its keyword', () => {
    const s = DockerfileSource.parse('Dockerfile', 'FROM node:20\n\nONBUILD RUN npm ci \\\n  && echo ok\n');
    const t = s.instructions[1].trigger!;
    expect(t.line).toBe(3);
    expect(t.endLine).toBe(4);
  });
});
