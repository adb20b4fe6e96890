//! The one matrix product the network needs, over row-major `f32` slices, on top of
//! `matrixmultiply` (cache-blocked, with AVX2/FMA, AVX and SSE2 kernels chosen at run time on
//! x86_64, NEON on aarch64, portable code elsewhere). Kept behind this function so the kernel
//! crate can be swapped without touching the network.

/// `c = a · b + beta · c` for row-major `a` (`m × k`, row stride `lda`), `b` (`k × n`, dense) and
/// `c` (`m × n`, row stride `ldc`). With `beta == 0` the old contents of `c` are ignored (even
/// NaN). Panics if a slice is too short for its shape: the callers size them, so that is a bug.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    beta: f32,
    c: &mut [f32],
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    assert!(lda >= k && ldc >= n, "gemm: row strides shorter than rows");
    assert!(a.len() >= (m - 1) * lda + k, "gemm: a is too short");
    assert!(b.len() >= k * n, "gemm: b is too short");
    assert!(c.len() >= (m - 1) * ldc + n, "gemm: c is too short");
    // SAFETY: the assertions above keep every element the strides address inside the slices, and
    // `c` is borrowed mutably, so it aliases neither `a` nor `b`.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            lda as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            beta,
            c.as_mut_ptr(),
            ldc as isize,
            1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32]) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * lda + p] * b[p * n + j]).sum();
            }
        }
        c
    }

    #[test]
    fn matches_a_naive_product_with_strides_and_accumulation() {
        let (m, k, n, lda, ldc) = (5, 7, 3, 9, 4);
        let a: Vec<f32> = (0..m * lda).map(|i| (i % 11) as f32 - 5.0).collect();
        let b: Vec<f32> = (0..k * n).map(|i| (i % 7) as f32 * 0.5).collect();
        let mut c = vec![f32::NAN; m * ldc];
        gemm(m, k, n, &a, lda, &b, 0.0, &mut c, ldc);
        let want = naive(m, k, n, &a, lda, &b);
        for i in 0..m {
            assert_eq!(&c[i * ldc..i * ldc + n], &want[i * n..i * n + n]);
        }
        // Accumulate on top: c = a·b + 1·c doubles it.
        gemm(m, k, n, &a, lda, &b, 1.0, &mut c, ldc);
        for i in 0..m {
            for j in 0..n {
                assert_eq!(c[i * ldc + j], 2.0 * want[i * n + j]);
            }
        }
    }
}
