/**
 * How well one session streams: the medians its metric lines scatter around. The planted effects (a) and
 * (b) enter here, as multipliers on an otherwise ordinary population.
 */
import type { SessionQuality } from "./log-spec.js";
import { PLANTED } from "./planted.js";
import type { Rng } from "./rng.js";

export interface QualityInputs {
  readonly poorNetwork: boolean;
  readonly softwareDecoder: boolean;
  readonly encodeRegression: boolean;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function sessionQuality(rng: Rng, inputs: QualityInputs): SessionQuality {
  const [latencyLo, latencyHi] = PLANTED.poorNetworkLatencyFactor;
  const [problemLo, problemHi] = PLANTED.poorNetworkProblemFactor;
  // Good home networks to a nearby data centre: 20–60 ms round trips.
  let latencySeconds = clamp(rng.lognormal(0.032, 0.28), 0.016, 0.075);
  let problemRate = rng.lognormal(1, 0.35);
  let packetLoss = rng.lognormal(1, 0.5);
  if (inputs.poorNetwork) {
    latencySeconds *= rng.uniform(latencyLo, latencyHi);
    problemRate = rng.uniform(problemLo, problemHi);
    packetLoss *= rng.uniform(6, 12);
  }
  // Hardware decoders take 2–8 ms a frame; software decoding roughly doubles that.
  let decodeSeconds = clamp(rng.lognormal(0.0042, 0.28), 0.002, 0.0075);
  if (inputs.softwareDecoder) decodeSeconds *= rng.uniform(1.8, 2.4);
  // NVENC on the VM's GPU: ~5 ms a frame, the same for everyone but for the planted regression.
  let encodeSeconds = clamp(rng.lognormal(0.0048, 0.15), 0.0032, 0.0075);
  if (inputs.encodeRegression) encodeSeconds *= PLANTED.encodeTimeFactor;
  // Bytes per frame depend on resolution, bitrate and content: 20 kB (desktop work) to 200 kB (games).
  const encodeBytes = clamp(rng.lognormal(62_000, 0.45), 22_000, 190_000);
  return { latencySeconds, decodeSeconds, encodeSeconds, encodeBytes, problemRate, packetLoss };
}
