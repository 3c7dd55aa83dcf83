import { readFileSync } from 'node:fs';

/** The part of the WebAssembly JS API used here: tsconfig's lib has no DOM, @types/node 20 no WebAssembly. */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: object };
}

/** What every kernel built by `npm run build:wasm` exports besides its functions. */
export interface KernelExports {
  /** Its memory: `grow` adds 64 KiB pages and throws a RangeError when it cannot. */
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** The first byte after its static data, where callers lay out their arrays. */
  heapBase(): number;
}

const PAGE_BYTES = 65536;
/** A wasm32 memory holds at most 65536 pages: 4 GiB. */
const MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;

/** Compiles and instantiates a kernel (a .wasm with no imports: the stub runtime, no allocator). */
export function loadKernel<Exports extends KernelExports>(wasmFile: string): Exports {
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  return new Instance(new Module(readFileSync(wasmFile))).exports as Exports;
}

/**
 * Byte offsets of arrays of the given byte sizes, laid out one after the other from the kernel's
 * heap base, each 16-byte aligned for v128 loads, after growing its memory to hold them. When it
 * cannot, a RangeError says what (`what`, e.g. "lloyd: n = …") needed how many bytes.
 */
export function layOut(kernel: KernelExports, sizes: readonly number[], what: string): number[] {
  let next = kernel.heapBase();
  const offsets = sizes.map((size) => {
    const at = Math.ceil(next / 16) * 16;
    next = at + size;
    return at;
  });
  const missing = next - kernel.memory.buffer.byteLength;
  if (missing > 0) {
    const why = `${what} needs ${next} bytes of WebAssembly memory`;
    if (next > MAX_MEMORY_BYTES) throw new RangeError(`${why}, more than the ${MAX_MEMORY_BYTES} a wasm32 memory can hold`);
    try {
      kernel.memory.grow(Math.ceil(missing / PAGE_BYTES));
    } catch (cause) {
      throw new RangeError(`${why}, and the memory could not grow to it`, { cause });
    }
  }
  return offsets;
}
