/** A fee case: the fee the engine quotes for the submission on the day it is received. */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { compare, foreignExpectations, type CaseProblems, type RegionCase } from './RegionCase.ts';

const KEYS = ['fee', 'feeId', 'exemption'];

export function runFeeCase(config: RegionConfig, c: RegionCase): CaseProblems {
  const received = new Date(c.received);
  const engine = new Engine({ regions: [config], store: memoryStore(), clock: { now: () => received } });
  const fee = engine.quote(config.id, c.service, c.submission ?? {}, received).fee;
  return [...foreignExpectations(c, KEYS), ...compare(c.expect as Record<string, unknown>, { fee: fee.amount, feeId: fee.feeId, exemption: fee.exemption?.id ?? null }, KEYS)];
}
