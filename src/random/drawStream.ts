import { philox4x32 } from "./philox.js";

/** The largest seed: seeds are non-negative integers below 2^53 (two 32-bit key words). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/** The largest draw index: draw indices are non-negative integers below 2^53 (two counter words). */
export const MAX_DRAW_INDEX = Number.MAX_SAFE_INTEGER;

const TWO_POW_32 = 2 ** 32;
const TWO_POW_53 = 2 ** 53;

/**
 * The random numbers of one (seed, draw, stream) triple, from Philox4x32-10 alone:
 *   key     = (seed mod 2^32, ⌊seed / 2^32⌋)
 *   counter = (draw mod 2^32, ⌊draw / 2^32⌋, stream, block)
 * `stream` separates the uncertain parameters of a draw (the k-th stated parameter reads stream k), so
 * adding a parameter never changes another's numbers; `block` counts the 128-bit blocks used so far.
 * Each block gives two uniforms on [0, 1) with 53 random bits each. Nothing depends on what was drawn
 * before this stream was created: the numbers are a pure function of (seed, draw, stream, position).
 */
export class DrawStream {
  private readonly key = new Uint32Array(2);
  private readonly counter = new Uint32Array(4);
  private readonly block = new Uint32Array(4);
  /** Uniforms left in the current block (0, 1 or 2). */
  private left = 0;

  constructor(seed: number, draw: number, stream: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`internal: seed ${seed} is not an integer in [0, 2^53)`);
    if (!Number.isSafeInteger(draw) || draw < 0) throw new Error(`internal: draw ${draw} is not an integer in [0, 2^53)`);
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) throw new Error(`internal: stream ${stream} is not a 32-bit index`);
    this.key[0] = seed % TWO_POW_32;
    this.key[1] = Math.floor(seed / TWO_POW_32);
    this.counter[0] = draw % TWO_POW_32;
    this.counter[1] = Math.floor(draw / TWO_POW_32);
    this.counter[2] = stream;
    this.counter[3] = 0;
  }

  /** The next uniform on [0, 1): 53 bits (27 from one word, 26 from the next) over 2^53. */
  uniform(): number {
    if (this.left === 0) {
      philox4x32(this.counter, this.key, this.block);
      this.counter[3] = (this.counter[3] + 1) >>> 0;
      if (this.counter[3] === 0) throw new Error("internal: a draw stream used more than 2^32 blocks");
      this.left = 2;
    }
    const at = this.left === 2 ? 0 : 2;
    this.left--;
    return ((this.block[at] >>> 5) * 2 ** 26 + (this.block[at + 1] >>> 6)) / TWO_POW_53;
  }

  /**
   * The next standard normal deviate, by the Box–Muller transform of two uniforms:
   * z = √(−2 ln(1 − u₁)) · cos(2π u₂) (1 − u₁ ∈ (0, 1], so the logarithm is finite). Exact in law; each
   * call uses two fresh uniforms (the sine partner is not kept, so the k-th normal is a function of k).
   */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
