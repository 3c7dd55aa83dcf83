/** Claim D1's check at a tiny scale (two grids, 2 repeats, 16 probes), for its negative controls. */
export const D1_TINY_SCALE = {
  grids: [
    { d: 1, m: [4, 8] },
    { d: 2, m: [4] },
  ],
  repeats: 2,
  probes: 16,
};
