import { describe, expect, it } from 'vitest';
import { DockerfileSource } from '../../src/dockerfile/source.js';

describe('scope of a stage built on another stage', () => {
  it('inherits the ARGs and ENVs the parent declared', () => {
    const src = DockerfileSource.parse('Dockerfile', 'ARG V=1\nFROM alpine AS base\nARG V\nARG T\nENV E=x\nFROM base AS child\nRUN true\nFROM alpine\nRUN true\n');
    const child = src.instructions[6];
    const scope = src.scope(child);
    expect(scope.get('V')?.value).toBe('1');
    expect(scope.has('T')).toBe(true);
    expect(scope.get('E')?.value).toBe('x');
    const unrelated = src.scope(src.instructions[8]);
    expect(unrelated.has('V')).toBe(false);
    expect(unrelated.has('E')).toBe(false);
  });
});
