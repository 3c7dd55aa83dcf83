import { z } from 'zod';
import { fromRows, type Matrix, toRows } from '../../theory/matrix';
import type { Instance } from '../../theory/mixture';
import { InputError } from '../../theory/validate';

/** The JSON that `tvem sample` writes (one line per instance) and `tvem cluster` reads. */
export interface InstanceJson {
  readonly spec: Instance['spec'];
  readonly centers: number[][];
  readonly labels: number[];
  readonly points: number[][];
}

export function instanceToJson(instance: Instance): InstanceJson {
  return { spec: instance.spec, centers: toRows(instance.centers), labels: Array.from(instance.labels), points: toRows(instance.points) };
}

const ClusterInputSchema = z.object({
  spec: z
    .object({ k: z.number().int().min(1) })
    .passthrough()
    .optional(),
  centers: z.array(z.array(z.unknown())).optional(),
  labels: z.array(z.number().int().min(0)).optional(),
  points: z.array(z.unknown()),
});

/** What `tvem cluster` needs from its input: the points, and the truth when the input carries it. */
export interface ClusterInput {
  readonly points: Matrix;
  readonly k?: number;
  readonly trueCenters?: Matrix;
  readonly trueLabels?: Int32Array;
}

/** Parses and validates the input of `tvem cluster` (one JSON document), naming the first bad field. */
export function parseClusterInput(text: string, source: string): ClusterInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${source} is not valid JSON`);
  }
  return clusterInputOf(raw, source);
}

/** Validates one parsed instance of `tvem cluster` (`source` names it in errors, e.g. "stdin line 3"). */
export function clusterInputOf(raw: unknown, source: string): ClusterInput {
  const parsed = ClusterInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${source}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const input = parsed.data;
  const points = fromRows('points', input.points);
  const trueCenters = input.centers ? fromRows('centers', input.centers) : undefined;
  if (trueCenters && trueCenters.cols !== points.cols)
    throw new InputError(`centers have dimension ${trueCenters.cols} but points have ${points.cols}`);
  const trueLabels = input.labels ? Int32Array.from(input.labels) : undefined;
  if (trueLabels && trueLabels.length !== points.rows)
    throw new InputError(`labels has ${trueLabels.length} entries but points has ${points.rows}`);
  const k = input.spec?.k ?? trueCenters?.rows;
  return { points, ...(k !== undefined ? { k } : {}), ...(trueCenters ? { trueCenters } : {}), ...(trueLabels ? { trueLabels } : {}) };
}
