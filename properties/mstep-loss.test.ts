import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../model/backend';
import { meanSquaredRelativeError } from '../model/training/mstep-experiment';

// C3's training loss: mean over instances and clusters of (‖out_a − mean_a‖ / scale_a)².
const CENTERS = [
  [
    [1, 2],
    [3, -1],
  ],
  [
    [0.5, 0.5],
    [-2, 4],
  ],
];
const MEANS = [
  [
    [1, 2],
    [2, 1],
  ],
  [
    [0, 0.5],
    [-2, 1],
  ],
];
const SCALES = [
  [2, 4],
  [1, 3],
];

describe('C3: the M-step training loss', () => {
  beforeAll(async () => {
    await initBackend();
  });

  test('C3: the loss is the mean of (‖out_a − mean_a‖ / scale_a)² (known answer)', () => {
    // (0/2)², (√5/4)², (0.5/1)², (3/3)²: mean (0 + 5/16 + 1/4 + 1) / 4 = 25/64.
    const loss = tf.tidy(() => meanSquaredRelativeError(tf.tensor3d(CENTERS), tf.tensor3d(MEANS), tf.tensor2d(SCALES)));
    expect(loss.dataSync()[0]).toBeCloseTo(25 / 64, 6);
    loss.dispose();
  });

  test('C3: where an output equals its mean exactly (first cluster above), the gradient is finite', () => {
    const grads = tf.tidy(() =>
      tf.grad((centers: tf.Tensor) => meanSquaredRelativeError(centers as tf.Tensor3D, tf.tensor3d(MEANS), tf.tensor2d(SCALES)))(
        tf.tensor3d(CENTERS),
      ),
    );
    const values = Array.from(grads.dataSync());
    expect(values.every(Number.isFinite)).toBe(true);
    // d/dc of (‖c − m‖/s)²/4 is 2(c − m)/(4s²): zero at the exact cluster, 2·(1, −2)/(4·16) at the second.
    expect(values.slice(0, 4)).toEqual([0, 0, expect.closeTo(2 / 64, 6), expect.closeTo(-4 / 64, 6)]);
    grads.dispose();
  });

  test('C3: the loss before the fix, the square of tf.norm, had a NaN gradient there (what the test above guards)', () => {
    const viaNorm = (centers: tf.Tensor) =>
      tf.mean(tf.square(tf.div(tf.norm(tf.sub(centers, tf.tensor3d(MEANS)), 'euclidean', 2), tf.tensor2d(SCALES)))) as tf.Scalar;
    const grads = tf.tidy(() => tf.grad(viaNorm)(tf.tensor3d(CENTERS)));
    expect(Array.from(grads.dataSync()).some(Number.isNaN)).toBe(true);
    grads.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });
});
