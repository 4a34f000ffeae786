"""The official LLM step of EMER (spec §5–6): description → label list, plus the legacy G2 grouping and G1 judge.

The G1 judge's prompts, reply parsing and means live in :mod:`emer_eval.metrics.judge`; this module only sends its
prompts (with the judge's sampling) and caches the replies, exactly as for extraction.

Every request goes through any OpenAI-compatible chat endpoint (vLLM serving Qwen2.5-7B-Instruct is the official
set-up) with the protocol's prompt as the only user turn — no system message, because vLLM then applies the model's
own chat template exactly as the reference code's ``apply_chat_template`` did.

Sampling is stochastic, so every reply is cached on disk, keyed by everything that determines it (model, the prompt
text actually sent, sampling parameters, run index). A score can then be recomputed bit-for-bit without the LLM
(``cache_only=True``), and k runs (run index 0…k-1) give the k independent samples behind the papers' mean ± std.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emer_eval.atomic import write_bytes_atomic
from emer_eval.config import LLMConfig, cache_root
from emer_eval.errors import EndpointError, ExtractionError
from emer_eval.extract.language import is_chinese
from emer_eval.labels import parse_label_list

if TYPE_CHECKING:  # the openai import costs ~0.4 s; only clients that really call an endpoint pay it
    import httpx
    import openai

__all__ = [
    "EXTRACTION_PROMPT",
    "GROUPING_PROMPT",
    "LLMExtractor",
    "TRANSLATION_PROMPT",
    "default_cache_dir",
    "extraction_prompt",
    "grouping_prompt",
    "postprocess_reply",
    "translation_prompt",
]

# Verbatim protocol text (spec §5). The trailing space after "Output:" is part of it: it changes the tokens the model
# sees, hence its replies. Filled with str.replace because descriptions may contain braces.
EXTRACTION_PROMPT = (
    "Please assume the role of an expert in the field of emotions. We provide clues that may be related to the "
    "emotions of the characters. Based on the provided clues, please identify the emotional states of the main "
    "character. The main character is the one with the most detailed clues. Please separate different emotional "
    "categories with commas and output only the clearly identifiable emotional categories in a list format. If none "
    "are identified, please output an empty list. Input: We cannot recognize his emotional state; Output: [] Input: "
    "His emotional state is happy, sad, and angry; Output: [happy, sad, angry] Input: {reason}; Output: "
)

# The authors' Chinese → English translation prompt (``get_translate_chi2eng`` in their MERTools helpers), verbatim
# with its indentation: Chinese descriptions are translated with it, then extracted with the English prompt, which is
# how the released "-eng" description files were produced. Filled with str.replace; newlines in the text are removed
# first, as the reference does.
TRANSLATION_PROMPT = (
    "\n              请将以下输入翻译为英文：\n              \n"
    "              输入：我爱你\n\n              输出：I love you\n\n"
    "              输入：{text}\n\n              输出：\n              "
)

# Verbatim protocol text (spec §6, G2). No trailing space here, unlike the extraction prompt.
GROUPING_PROMPT = (
    "Please assume the role of an expert in the field of emotions. We provide a set of emotions. Please group the "
    "emotions, with each group containing emotions with the same meaning. Directly output the results. The output "
    "format should be a list containing multiple lists. Input: ['Agree', 'agreement', 'Relaxed', 'acceptance', "
    "'pleasant', 'relaxed', 'Accept', 'positive', 'Happy'] Output: [['Agree', 'agreement', 'Accept', 'acceptance'], "
    "['Relaxed', 'relaxed'],['pleasant', 'positive', 'Happy']] Input: {labels} Output:"
)

# Checked in order, each at most once, exactly like the reference ``func_postprocess_qwen`` (a chain of ``if``s, not
# an ``elif``): "输出Output: x" therefore loses both prefixes. Kept as is because published numbers went through it.
_REPLY_PREFIXES = ("输入", "输出", "翻译", "让我们来翻译一下：", "output", "Output", "input", "Input")

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while replies arrive (cached replies count as done immediately)."""


def extraction_prompt(reason: str) -> str:
    """The exact extraction prompt sent for one description."""
    return EXTRACTION_PROMPT.replace("{reason}", reason)


def grouping_prompt(labels: Iterable[str]) -> str:
    """The exact G2 grouping prompt for a set of labels.

    The reference code formatted ``list(set(gt) | set(pred))``, whose order changes between Python processes; sorting
    the lower-cased, de-duplicated labels makes the prompt — and so its cache key — reproducible.

    >>> grouping_prompt(["Sad", "happy", "sad"]).endswith("Input: ['happy', 'sad'] Output:")
    True
    """
    unique = sorted({label.lower() for label in labels})
    return GROUPING_PROMPT.replace("{labels}", repr(unique))


def translation_prompt(text: str) -> str:
    """The exact translation prompt sent for one Chinese description."""
    return TRANSLATION_PROMPT.replace("{text}", text.replace("\n", ""))


def clean_reply(reply: str) -> str:
    """The reference post-processing of any reply: leading "Output"/"输出"/… and a colon removed, newlines dropped.

    >>> clean_reply("输出：I love you\\n")
    'I love you'
    """
    text = reply.strip()
    for prefix in _REPLY_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text.strip()
    for colon in (":", "："):
        if text.startswith(colon):
            text = text[len(colon):]
    return text.strip().replace("\n", "").strip()


def postprocess_reply(reply: str) -> list[str]:
    """Turn a raw extraction reply into labels with the reference post-processing, then the official parser.

    >>> postprocess_reply("Output: [happy, sad]\\n")
    ['happy', 'sad']
    >>> postprocess_reply("输出：[愤怒]")
    ['愤怒']
    """
    return parse_label_list(clean_reply(reply))


def default_cache_dir() -> Path:
    """Where replies are cached when no directory is given: ``llm`` under :func:`emer_eval.config.cache_root`."""
    return cache_root() / "llm"


class _ReplyCache:
    """One small JSON file per reply, named by the sha256 of the canonical request.

    Files are written atomically, so a crash or a parallel writer never leaves a half-written entry, and a partly
    finished extraction resumes where it stopped.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def request(config: LLMConfig, prompt: str, run: int) -> dict[str, Any]:
        """Everything that determines a reply (the endpoint URL does not: the same model elsewhere is the same)."""
        return {"model": config.model, "prompt": prompt, "sampling": config.sampling(), "run": run}

    @staticmethod
    def key(request: Mapping[str, Any]) -> str:
        canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The cached reply, or None; an unreadable entry counts as missing so it is simply fetched again."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        reply = entry.get("reply") if isinstance(entry, dict) else None
        return reply if isinstance(reply, str) else None

    def put(self, key: str, request: Mapping[str, Any], reply: str) -> None:
        """Store a reply; not fsynced (a reply lost in a power cut is simply asked for again)."""
        payload = json.dumps({"request": request, "reply": reply}, ensure_ascii=False, indent=1)
        write_bytes_atomic(self._path(key), payload.encode("utf-8"), durable=False)


class LLMExtractor:
    """Calls the endpoint (or only the cache) for extraction, G2 grouping and G1 judging.

    ``cache_only=True`` never opens a connection: cached replies are used and a miss raises ExtractionError, so
    published scores can be recomputed from the cache alone (the config's model and sampling still select the cache
    entries; its ``base_url`` is then unused). ``workers`` bounds concurrent requests. ``http_client`` lets a server
    choose how connections are made (the hub's demo only lets visitor URLs reach public addresses).
    """

    def __init__(self, config: LLMConfig, cache_dir: str | os.PathLike[str] | None = None, cache_only: bool = False,
                 workers: int = 4, http_client: httpx.Client | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.config = config
        self.cache_only = cache_only
        self.workers = workers
        self.cache = _ReplyCache(Path(cache_dir) if cache_dir is not None else default_cache_dir())
        self._http_client = http_client
        self._client: openai.OpenAI | None = None if cache_only else self._make_client()

    def _make_client(self) -> openai.OpenAI:
        import openai

        return openai.OpenAI(base_url=self.config.base_url, api_key=self.config.api_key,
                             timeout=self.config.timeout, max_retries=self.config.max_retries,
                             http_client=self._http_client)  # type: ignore[arg-type]

    @property
    def signature_tag(self) -> str:
        """How labels were obtained, for the score signature: ``llm:<model>`` (official sampling) or with overrides."""
        return self.config.describe()

    # --- public API -------------------------------------------------------------------------------------------------

    def extract(self, text: str, run: int = 0) -> list[str]:
        """Labels for one description (reply of run ``run``, from the cache when present)."""
        return postprocess_reply(self._reply(extraction_prompt(self.to_english({"": text})[""]), run))

    def to_english(self, texts: Mapping[str, str]) -> dict[str, str]:
        """The descriptions with every Chinese one translated to English by the authors' prompt (run 0, cached).

        The official extraction prompt is English and the emotion wheels are English, so the EMER authors translate
        Chinese descriptions before extracting; English descriptions (quoting Chinese subtitles or not) pass as is.
        """
        prompts = {name: translation_prompt(text) for name, text in texts.items() if is_chinese(text)}
        if not prompts:
            return dict(texts)
        replies = self._reply_many([(prompt, 0) for prompt in prompts.values()], None, what="translations", runs=1)
        return {name: clean_reply(replies[(prompts[name], 0)]) if name in prompts else text
                for name, text in texts.items()}

    def extract_many(self, texts: Mapping[str, str], runs: int = 1,
                     progress: Progress | None = None) -> list[dict[str, list[str]]]:
        """Labels for every ``sample id → description``, once per run: element r is run r.

        Score each run separately and report mean ± std across runs, as the papers do. All (text, run) requests share
        one thread pool; on a failure the replies already received stay cached, so rerunning resumes.
        """
        if runs < 1:
            raise ValueError("runs must be at least 1")
        prompts = {name: extraction_prompt(text) for name, text in self.to_english(texts).items()}
        jobs = [(prompt, run) for run in range(runs) for prompt in prompts.values()]
        replies = self._reply_many(jobs, progress, what="texts", runs=runs)
        return [{name: postprocess_reply(replies[(prompt, run)]) for name, prompt in prompts.items()}
                for run in range(runs)]

    def group_labels(self, labels: Iterable[str], run: int = 0) -> str:
        """Raw G2 grouping reply for one sample's union of gt and predicted labels (see :func:`grouping_prompt`).

        The raw text is returned (and cached) because the official parser of this reply lives with the G2 metric.
        """
        return self._reply(grouping_prompt(labels), run)

    def group_many(self, label_sets: Mapping[str, Iterable[str]], run: int = 0,
                   progress: Progress | None = None) -> dict[str, str]:
        """Raw grouping replies for ``sample id → labels``, fetched concurrently (a benchmark has hundreds)."""
        prompts = {name: grouping_prompt(labels) for name, labels in label_sets.items()}
        replies = self._reply_many([(prompt, run) for prompt in prompts.values()], progress, what="label sets",
                                   runs=1)
        return {name: replies[(prompt, run)] for name, prompt in prompts.items()}

    def synonym_groups(self, labels: Iterable[str], run: int = 0) -> list[list[str]]:
        """The grouping reply parsed into synonym groups with the official G2 parser."""
        from emer_eval.metrics.g2 import parse_grouping_reply  # metrics import extract, not the reverse, at load time

        return parse_grouping_reply(self.group_labels(labels, run))

    def replies(self, prompts: Iterable[str], progress: Progress | None = None) -> dict[str, str]:
        """Raw replies (run 0) to arbitrary prompts, fetched concurrently; used by the G1 judge metrics."""
        jobs = [(prompt, 0) for prompt in dict.fromkeys(prompts)]
        replies = self._reply_many(jobs, progress, what="prompts", runs=1)
        return {prompt: replies[(prompt, 0)] for prompt, _ in jobs}

    # --- requests ---------------------------------------------------------------------------------------------------

    def _reply(self, prompt: str, run: int) -> str:
        return self._reply_many([(prompt, run)], None, what="prompts", runs=1)[(prompt, run)]

    def _reply_many(self, jobs: Iterable[tuple[str, int]], progress: Progress | None, *, what: str,
                    runs: int) -> dict[tuple[str, int], str]:
        """Replies for (prompt, run) pairs: cached ones first, then the misses through the thread pool."""
        requests = {job: _ReplyCache.request(self.config, *job) for job in dict.fromkeys(jobs)}
        keys = {job: _ReplyCache.key(request) for job, request in requests.items()}
        replies: dict[tuple[str, int], str] = {}
        missing: list[tuple[str, int]] = []
        for job, key in keys.items():
            cached = self.cache.get(key)
            if cached is None:
                missing.append(job)
            else:
                replies[job] = cached
        total = len(keys)
        if progress is not None:
            progress(len(replies), total)
        if not missing:
            return replies
        if self.cache_only:
            per_run = f" (each of the {runs} runs counted separately)" if runs > 1 else ""
            raise ExtractionError(
                f"cache-only mode: {len(missing)} of {total} {what} have no cached reply{per_run} for "
                f"{self.config.describe()} in {self.cache.directory}; configure an endpoint (EMER_LLM_BASE_URL, "
                f"EMER_LLM_MODEL) to fill the cache, or point the cache directory at the one that holds them"
            )
        pool = ThreadPoolExecutor(max_workers=min(self.workers, len(missing)))
        try:
            futures = {pool.submit(self._fetch, job[0]): job for job in missing}
            for future in as_completed(futures):
                job = futures[future]
                reply = future.result()
                self.cache.put(keys[job], requests[job], reply)
                replies[job] = reply
                if progress is not None:
                    progress(len(replies), total)
        except EndpointError as exc:
            raise EndpointError(f"{exc} ({len(replies)} of {total} replies are cached; rerun to resume)",
                                exc.summary) from exc
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # after a failure, stop hammering the failing endpoint
        return replies

    def _fetch(self, prompt: str) -> str:
        """One chat completion; endpoint failures become an EndpointError that names the endpoint and the cause."""
        import openai

        assert self._client is not None
        config = self.config
        where = f"LLM endpoint {config.base_url} (model '{config.model}')"
        extra_body = None if config.repetition_penalty is None else {"repetition_penalty": config.repetition_penalty}
        try:
            completion = self._client.chat.completions.create(
                model=config.model,
                messages=[{"role": "user", "content": prompt}],
                temperature=config.temperature,
                top_p=openai.omit if config.top_p is None else config.top_p,  # omitted: not sent at all
                max_tokens=openai.omit if config.max_tokens is None else config.max_tokens,
                extra_body=extra_body,
            )
        except openai.APITimeoutError as exc:
            raise EndpointError(f"{where} timed out after {config.timeout} s ({config.max_retries} retries)",
                                f"timed out after {config.timeout:g} s") from exc
        except openai.APIConnectionError as exc:
            raise EndpointError(f"cannot connect to {where}: {exc.__cause__ or exc}; check EMER_LLM_BASE_URL and "
                                f"that the server is running", "could not connect") from exc
        except openai.APIStatusError as exc:
            raise EndpointError(f"{where} answered HTTP {exc.status_code}: {_shorten(exc.message)}",
                                f"HTTP {exc.status_code}") from exc
        except openai.OpenAIError as exc:
            raise EndpointError(f"request to {where} failed: {_shorten(str(exc))}",
                                f"request failed ({type(exc).__name__})") from exc
        if not completion.choices or completion.choices[0].message.content is None:
            raise EndpointError(f"{where} returned no message content", "empty reply")
        return completion.choices[0].message.content


def _shorten(text: str, limit: int = 300) -> str:
    """Keep error messages one readable line even when a server returns a whole HTML page."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
