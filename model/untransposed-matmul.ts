import * as tf from '@tensorflow/tfjs';

/**
 * x·W for 2-D x and W whose gradient uses only plain matMuls of explicitly transposed operands
 * (∂x = dy·transpose(W), ∂W = transpose(x)·dy). tf.matMul's own gradient uses transposeA and
 * transposeB, which on the wasm backend skip XNNPACK and run 5–10× slower than a transpose
 * followed by a plain matMul.
 */
export const untransposedMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, [xSaved, wSaved]: tf.Tensor[]) => [tf.matMul(dy as tf.Tensor2D, tf.transpose(wSaved! as tf.Tensor2D)), tf.matMul(tf.transpose(xSaved!), dy as tf.Tensor2D)],
  };
}) as (x: tf.Tensor2D, w: tf.Tensor) => tf.Tensor2D; // w: a 2-D weight, possibly a tf.Variable of unknown rank
