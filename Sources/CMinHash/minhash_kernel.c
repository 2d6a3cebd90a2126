#include "minhash_kernel.h"

// Positions are taken in blocks held in registers for the whole pass over the shingles, so
// each shingle costs a multiply, an add and a minimum per position and no memory traffic.
#define BLOCK 16

#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define VARIANTS __attribute__((target_clones("avx512dq", "avx2", "default")))
#endif
#endif
#ifndef VARIANTS
#define VARIANTS
#endif

VARIANTS
void copydesk_minhash_lower(
    const uint64_t *multipliers, const uint64_t *increments, size_t count,
    const uint64_t *shingles, size_t shingle_count, uint64_t *minima) {
    size_t start = 0;
    for (; start + BLOCK <= count; start += BLOCK) {
        uint64_t a[BLOCK], b[BLOCK], low[BLOCK];
        for (size_t lane = 0; lane < BLOCK; lane++) {
            a[lane] = multipliers[start + lane];
            b[lane] = increments[start + lane];
            low[lane] = minima[start + lane];
        }
        for (size_t j = 0; j < shingle_count; j++) {
            const uint64_t x = shingles[j];
            for (size_t lane = 0; lane < BLOCK; lane++) {
                const uint64_t value = a[lane] * x + b[lane];
                low[lane] = value < low[lane] ? value : low[lane];
            }
        }
        for (size_t lane = 0; lane < BLOCK; lane++) minima[start + lane] = low[lane];
    }
    for (; start < count; start++) {
        uint64_t low = minima[start];
        for (size_t j = 0; j < shingle_count; j++) {
            const uint64_t value = multipliers[start] * shingles[j] + increments[start];
            low = value < low ? value : low;
        }
        minima[start] = low;
    }
}
