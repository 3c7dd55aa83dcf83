import * as tf from '@tensorflow/tfjs';

/**
 * x·W for 2-D x [N, m] and W [m, n] whose gradient uses only plain matMuls of explicitly
 * transposed operands: ∂x = dy·transpose(W), and ∂W = transpose(x)·dy, or transpose(transpose(dy)·x)
 * when m < n. On the wasm backend tfjs's own gradient uses transposed products that skip XNNPACK
 * and run 5–10× slower; and XNNPACK packs its right operand before every product, which for
 * ∂W's long N×n or N×m operand costs more than the product itself, so the narrower one is packed
 * (issue 7).
 */
export const untransposedMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, [xSaved, wSaved]: tf.Tensor[]) => {
      const [input, output] = [xSaved as tf.Tensor2D, dy as tf.Tensor2D];
      const dW =
        input.shape[1] < output.shape[1] ? tf.transpose(tf.matMul(tf.transpose(output), input)) : tf.matMul(tf.transpose(input), output);
      return [tf.matMul(output, tf.transpose(wSaved! as tf.Tensor2D)), dW];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor) => tf.Tensor2D; // w: a 2-D weight, possibly a tf.Variable of unknown rank
