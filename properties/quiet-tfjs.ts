import * as tf from '@tensorflow/tfjs';

// The cpu backend's "install tfjs-node" advice is printed once per test file that uses it; the
// tests choose cpu on purpose (the stand-in for tfjs-node), so the advice is noise in CI's log.
// PROD only silences tfjs's log (IS_TEST would also turn on its per-kernel leak check).
tf.env().set('PROD', true);
