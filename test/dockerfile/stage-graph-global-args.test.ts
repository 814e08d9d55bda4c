import { describe, expect, it } from 'vitest';
import { DockerfileSource } from '../../src/dockerfile/source.js';

describe('stage graph with global ARGs', () => {
  it('FROM ${VAR} naming a stage builds on that stage', () => {
    const s = DockerfileSource.parse('Dockerfile', 'ARG BASE=builder\nFROM alpine:3.20 AS builder\nWORKDIR /app\nFROM ${BASE}\nCOPY . .\n');
    expect(s.stages[1].baseStage).toBe(0);
    expect(s.stages[1].base).toBe('${BASE}');
    expect(s.stages[0].reachesFinal).toBe(true);
  });

  it('COPY --from=${VAR} with a global ARG is an edge of the graph', () => {
    const s = DockerfileSource.parse('Dockerfile', 'ARG SRC=build\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=${SRC} /out /app\n');
    expect(s.stages[1].dependsOn).toEqual([0]);
  });

  it('a variable without a value links nothing', () => {
    const s = DockerfileSource.parse('Dockerfile', 'ARG BASE\nFROM alpine:3.20 AS builder\nFROM ${BASE}\n');
    expect(s.stages[1].baseStage).toBeUndefined();
  });
});
