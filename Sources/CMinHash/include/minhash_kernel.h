#ifndef COPYDESK_MINHASH_KERNEL_H
#define COPYDESK_MINHASH_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/// Lowers each of the `count` signature positions `minima[i]` to the minimum, over the
/// `shingle_count` values `shingles[j]`, of `multipliers[i] * shingles[j] + increments[i]`
/// modulo 2^64. The same values on every machine; on x86-64 the widest vector unit the
/// processor has (AVX-512, AVX2) is chosen when the program starts.
void copydesk_minhash_lower(
    const uint64_t *multipliers, const uint64_t *increments, size_t count,
    const uint64_t *shingles, size_t shingle_count, uint64_t *minima);

#endif
