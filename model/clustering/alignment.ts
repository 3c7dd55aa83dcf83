import { munkres } from 'munkres';
import { type Matrix, squaredDistance } from '../../theory/matrix';
import { fail } from '../../theory/validate';

/**
 * The training target of a transformer given an initialization (claim F3): centroid token a
 * stands for the true center π(a), where π is the assignment of initial centers to true centers
 * minimising Σ_a ‖μ̂_a − μ_π(a)‖² (Hungarian algorithm; k×k, so π is a permutation). Point i's
 * target label is then π⁻¹(z_i), the centroid token of its true cluster. For perturbed truth
 * with Λ_0 < 1/2 every μ̂_a is nearer μ_a than any other true center and π is the identity.
 * Returns π as an array: entry a is the true center of centroid token a.
 */
export function alignInitialization(init: Matrix, trueCenters: Matrix): Int32Array {
  if (init.rows !== trueCenters.rows || init.cols !== trueCenters.cols)
    fail('init shape', `${init.rows}×${init.cols}`, `equal to the true centers' ${trueCenters.rows}×${trueCenters.cols}`);
  const k = init.rows;
  const costs = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => squaredDistance(init, a, trueCenters, b)));
  const assignment = new Int32Array(k);
  for (const [a, b] of munkres(costs)) assignment[a!] = b!;
  return assignment;
}

/** Target labels π⁻¹(z_i) for true labels z and the alignment π of alignInitialization. */
export function alignedLabels(labels: Int32Array, assignment: Int32Array): Int32Array {
  const inverse = new Int32Array(assignment.length);
  assignment.forEach((b, a) => {
    inverse[b] = a;
  });
  return labels.map((z) => inverse[z]!);
}
