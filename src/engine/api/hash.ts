/**
 * A 53-bit hash of a string: two 32-bit multiply–xor lanes over its UTF-16 code units, mixed at
 * the end and joined into one safe integer. For keys kept by the hundred thousand (the event
 * recorder's aggregation keys), where a number is a fraction of the size of the string it
 * stands for. Not cryptographic; a caller that must be exact checks what the hash points at.
 */
export function hash53(s: string): number {
  let a = 0x2f6b_1c35;
  let b = 0x5a1d_8e27;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x0100_0193);
    b = Math.imul(b ^ c, 0x5bd1_e995);
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85eb_ca6b) ^ Math.imul(b ^ (b >>> 15), 0x2710_3f2b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2_ae35) ^ Math.imul(a ^ (a >>> 11), 0x1656_67b1);
  b ^= b >>> 16;
  // 21 bits of one lane above the 32 of the other: every value is a safe integer.
  return (b & 0x1f_ffff) * 0x1_0000_0000 + (a >>> 0);
}
