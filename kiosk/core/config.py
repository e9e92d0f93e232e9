"""Every setting IT provisions, declared once with its default, type and meaning.

The README's configuration table is checked against this module by a test, so the two cannot
drift. Settings the office manager may change at the kiosk live in ``kiosk.store.manager_settings``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.core.colours import DEFAULT_ACCENT, HEX_COLOUR, PAGE_BACKGROUND, contrast

Language = Literal["en", "es"]
# Each language's name in that language: the language toggle offers the other one by it.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}


# The idle timeout's last seconds show "Still there?" with a button to continue: WCAG 2.2.1 asks
# for at least 20 s to extend a time limit, and a timeout shorter than the minimum would leave no
# calm time before the warning.
IDLE_WARNING_SECONDS = 20
IDLE_MIN_SECONDS = 30
ATTRACT_MIN_SECONDS = 30


class ConfigError(Exception):
    """A configuration problem, worded for the person who wrote the file: in one line
    (``str()``: "<file>: <field>: <detail>"), and in its parts for the screen that shows it.
    ``field`` is empty for a problem with the whole file (unreadable, not TOML) or a rule
    across settings (``detail`` names them)."""

    def __init__(self, detail: str, file: str = "", field: str = "") -> None:
        super().__init__(": ".join(part for part in (file, field, detail) if part))
        self.detail = detail
        self.file = file
        self.field = field


# ISO 3166-1 alpha-2 codes of the regions that have phone numbers (phonenumbers) and a locale
# (Qt): a `region` must be one. Kept here rather than asked of phonenumbers, whose import would
# add 60 ms to every start; tests/kiosk/core/test_config.py and tests/kiosk/ui/test_charts.py
# check the list against each.
_REGION_CODES = """
    AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
    EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB
    LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY
    MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS
    RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL
    TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
"""
REGIONS = frozenset(_REGION_CODES.split())
DEFAULT_REGION = "US"

KIOSK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
PIN_HASH_PATTERN = r"^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+$"


class Choice(BaseModel):
    """A chip or a visitor role: a stable id (stored on the card) and its label in each language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    en: Annotated[str, Field(min_length=1, max_length=40)]
    es: Annotated[str, Field(min_length=1, max_length=40)]

    def label(self, language: str) -> str:
        return self.es if language == "es" else self.en


def _choices(*rows: tuple[str, str, str]) -> list[Choice]:
    return [Choice(id=i, en=en, es=es) for i, en, es in rows]


DEFAULT_WENT_WELL = _choices(
    ("friendly", "Friendly staff", "Personal amable"),
    ("quick", "Quick service", "Atención rápida"),
    ("clear_info", "Clear information", "Información clara"),
    ("clean", "Clean and welcoming", "Lugar limpio y acogedor"),
    ("safe", "Felt safe", "Me sentí con seguridad"),
    ("language_help", "Help in my language", "Ayuda en mi idioma"),
)
DEFAULT_COULD_IMPROVE = _choices(
    ("wait_time", "Waiting time", "Tiempo de espera"),
    ("unclear_info", "Unclear information", "Información confusa"),
    ("staff_attitude", "Staff attitude", "Trato del personal"),
    ("signage", "Signs and directions", "Señalización"),
    ("language_access", "Language help", "Ayuda con el idioma"),
    ("parking", "Parking and access", "Estacionamiento y acceso"),
)
DEFAULT_ROLES = _choices(
    ("parent", "Parent or guardian", "Padre, madre o tutor"),
    ("student", "Student", "Estudiante"),
    ("staff", "Staff member", "Personal de la escuela"),
    ("community", "Community member", "Miembro de la comunidad"),
    ("other", "Other", "Otro"),
)


LOGO_MAX_BYTES = 2_000_000
MIN_TEXT_CONTRAST = 4.5  # WCAG 1.4.3: the accent is text (and white text sits on it)


class WelcomeLine(BaseModel):
    """The school's own line on the welcome screen, one per language (plain text)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: Annotated[str, Field(max_length=120)] = ""
    es: Annotated[str, Field(max_length=120)] = ""

    def text(self, language: str) -> str:
        return self.es if language == "es" else self.en


def _logo_kind(data: bytes) -> str | None:
    """ "png" or "svg" from a file's first bytes, None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if (head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg"))) and b"<svg" in head:
        return "svg"
    return None


class TokenError(ConfigError):
    """The [sync] settings give no usable token; ``problem`` says why, ``str()`` says it all."""

    def __init__(self, problem: Literal["missing", "unreadable", "empty"], message: str) -> None:
        super().__init__(message)
        self.problem = problem


class SyncConfig(BaseModel):
    """The ``[sync]`` table: where and how cards go to the district."""

    model_config = ConfigDict(extra="forbid")

    endpoint: str | None = Field(
        default=None,
        description="Base URL of the district receiver, e.g. https://feedback.district.org. "
        "Empty: cards stay on this kiosk.",
    )
    token: str | None = Field(
        default=None, description="This kiosk's bearer token (prefer token_file)."
    )
    token_file: Path | None = Field(
        default=None, description="File holding this kiosk's bearer token (readable by it only)."
    )
    batch_size: int = Field(default=250, ge=1, le=1000, description="Cards per upload request.")
    interval_seconds: int = Field(
        default=60, ge=5, le=86400, description="Seconds between sync cycles."
    )
    timeout_seconds: float = Field(
        default=15.0, gt=0, le=300, description="Timeout of one HTTP call."
    )
    allow_insecure_http: bool = Field(
        default=False,
        description="Allow plain http:// to a host other than this machine (never in production).",
    )

    def read_token(self) -> str:
        """This kiosk's bearer token: ``token``, or the contents of ``token_file``.

        Raises TokenError, whose ``problem`` ("missing", "unreadable", "empty") lets doctor
        give the fix and sync its one line.
        """
        if self.token:
            return self.token
        if self.token_file is None:
            raise TokenError("missing", "no token: set token_file (or token) in [sync]")
        try:
            token = self.token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise TokenError(
                "unreadable", f"cannot read the token file {self.token_file} ({exc.strerror})"
            ) from None
        if not token:
            raise TokenError("empty", f"the token file {self.token_file} is empty")
        return token

    @field_validator("endpoint")
    @classmethod
    def _endpoint_is_http(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _one_token_source(self) -> SyncConfig:
        if self.token and self.token_file:
            raise ValueError("set token or token_file, not both")
        return self


class Config(BaseModel):
    """The kiosk's configuration file (TOML). Every key is optional."""

    model_config = ConfigDict(extra="forbid")

    school_name: str = Field(
        default="Demo Elementary School",
        min_length=1,
        max_length=80,
        description="Shown at the top of the welcome screen and on reports.",
    )
    kiosk_id: str = Field(
        default="demo-kiosk",
        pattern=KIOSK_ID_PATTERN,
        description="Unique id of this kiosk in the district (letters, digits, . _ -).",
    )
    languages: list[Language] = Field(
        default_factory=lambda: list[Language](["en", "es"]),
        min_length=1,
        description='Languages offered, from "en" and "es".',
    )
    default_language: Language = Field(
        default="en", description="Language the welcome screen returns to."
    )
    region: str = Field(
        default=DEFAULT_REGION,
        description="The school's country (ISO 3166-1 alpha-2): phone numbers without a country "
        "code are read as its, and dates and times are written as it writes them.",
    )
    idle_timeout_seconds: int = Field(
        default=45,
        ge=IDLE_MIN_SECONDS,
        le=600,
        description="Seconds without a touch before the kiosk finalises the card "
        "and returns to welcome; the last 20 show a warning with a button to continue.",
    )
    attract_after_seconds: int = Field(
        default=180,
        ge=0,
        le=3600,
        description="Seconds untouched on Welcome (no visit open) before it shows a calm, "
        "slowly changing invitation in every language; the first touch brings the faces back. "
        "0: never.",
    )
    thanks_seconds: int = Field(
        default=8, ge=2, le=60, description="Seconds the thank-you screen stays up."
    )
    thanks_qr_url: str | None = Field(
        default=None,
        description="URL shown as a QR code on the thank-you screen (e.g. the district's survey). "
        "Empty: no QR code.",
    )
    comment_max_chars: int = Field(
        default=500, ge=50, le=2000, description="Longest comment a visitor can enter."
    )
    ask_resolution: bool = Field(
        default=True,
        description='Ask "Did you get what you came for today?" (Yes / Partly / Not yet) '
        "after the role, before the comment.",
    )
    went_well: list[Choice] = Field(
        default_factory=lambda: list(DEFAULT_WENT_WELL),
        max_length=12,
        description='Chips for "what went well": id, en, es.',
    )
    could_improve: list[Choice] = Field(
        default_factory=lambda: list(DEFAULT_COULD_IMPROVE),
        max_length=12,
        description='Chips for "what could be better": id, en, es.',
    )
    roles: list[Choice] = Field(
        default_factory=lambda: list(DEFAULT_ROLES),
        max_length=8,
        description="Visitor roles offered: id, en, es.",
    )
    speech_button: bool = Field(
        default=True,
        description="Show the speaker button that lets a visitor have the screens read aloud "
        "(needs the system's offline voices: espeak-ng on Linux, Windows' own).",
    )
    admin_pin_hash: str | None = Field(
        default=None,
        pattern=PIN_HASH_PATTERN,
        description="Hash of the manager PIN, from `kiosk pin-hash`. "
        "Empty: the kiosk cannot be unlocked.",
    )
    report_paper: Literal["letter", "a4"] = Field(
        default="letter",
        description="Paper of the PDF report: US letter or A4 (printed to fit, the other would "
        "shrink its type below 10 pt).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Least severe log level written to the log file."
    )
    logo: Path | None = Field(
        default=None,
        description="The school's logo, an SVG or PNG file (a relative path is from the config "
        "file's folder), shown in the header, on the thank-you screen and on the PDF report's "
        "first page. Empty: none.",
    )
    accent_colour: str = Field(
        default=DEFAULT_ACCENT,
        description="The school's accent colour as #RRGGBB (buttons, chosen chips, the "
        "language toggle); at least 4.5:1 against the background #F7F5F0.",
    )
    welcome_line: WelcomeLine = Field(
        default_factory=WelcomeLine,
        description="A line of the school's own above the question, per language "
        "(welcome_line.en, welcome_line.es). Empty: none.",
    )
    sync: SyncConfig = Field(default_factory=SyncConfig, description="See the [sync] table.")

    @field_validator("logo")
    @classmethod
    def _logo_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None or str(value) == "":
            return None
        base = (info.context or {}).get("config_dir")
        path = value if value.is_absolute() or base is None else Path(base) / value
        try:
            with path.open("rb") as f:
                data = f.read(LOGO_MAX_BYTES + 1)
        except FileNotFoundError:
            raise ValueError(f"no such file: {path}") from None
        except OSError as exc:
            raise ValueError(f"cannot read {path} ({exc.strerror})") from None
        if len(data) > LOGO_MAX_BYTES:
            raise ValueError(f"{path} is larger than {LOGO_MAX_BYTES // 1_000_000} MB")
        kind = _logo_kind(data)
        if kind is None or path.suffix.lower() != f".{kind}":
            raise ValueError(f"{path} is not an SVG or PNG file (named .svg or .png)")
        return path

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in REGIONS:
            raise ValueError(
                'must be a country\'s two-letter code (ISO 3166-1 alpha-2), e.g. "US" or "MX"'
            )
        return code

    @field_validator("accent_colour")
    @classmethod
    def _readable_accent(cls, value: str) -> str:
        if not HEX_COLOUR.match(value):
            raise ValueError('must be a colour written as "#RRGGBB", e.g. "#1D4ED8"')
        ratio = contrast(value, PAGE_BACKGROUND)
        if ratio < MIN_TEXT_CONTRAST:
            raise ValueError(
                f"{value} has a contrast of {ratio:.2f}:1 against the background "
                f"{PAGE_BACKGROUND}; text needs at least {MIN_TEXT_CONTRAST}:1, "
                "so choose a darker colour"
            )
        return value.upper()

    @field_validator("thanks_qr_url")
    @classmethod
    def _qr_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not re.match(r"^https?://\S+$", value) or len(value) > 300:
            raise ValueError("must be an http:// or https:// URL of at most 300 characters")
        return value

    @field_validator("attract_after_seconds")
    @classmethod
    def _attract_not_too_soon(cls, value: int) -> int:
        if 0 < value < ATTRACT_MIN_SECONDS:
            raise ValueError(
                f"must be 0 (never) or at least {ATTRACT_MIN_SECONDS}, so a visitor reading "
                "Welcome is not interrupted"
            )
        return value

    @field_validator("languages")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("lists a language twice")
        return value

    @field_validator("went_well", "could_improve", "roles")
    @classmethod
    def _unique_ids(cls, value: list[Choice]) -> list[Choice]:
        ids = [c.id for c in value]
        if len(set(ids)) != len(ids):
            raise ValueError("two entries share one id")
        return value

    @model_validator(mode="after")
    def _default_is_offered(self) -> Config:
        if self.default_language not in self.languages:
            raise ValueError(
                f"default_language {self.default_language!r} is not in languages {self.languages}"
            )
        return self

    @model_validator(mode="after")
    def _welcome_line_in_every_language(self) -> Config:
        given = [lang for lang in self.languages if self.welcome_line.text(lang).strip()]
        missing = [lang for lang in self.languages if lang not in given]
        if given and missing:
            raise ValueError(
                f"welcome_line has no text for {', '.join(missing)}: give it in every "
                "language offered, or in none"
            )
        return self

    def choice_label(self, kind: str, choice_id: str, language: str) -> str:
        """Label of a stored chip or role id; an id no longer in the config shows as itself."""
        options: list[Choice] = getattr(self, kind)
        for c in options:
            if c.id == choice_id:
                return c.label(language)
        return choice_id


def _describe(error: dict[str, object], source: str) -> ConfigError:
    loc = ".".join(str(p) for p in error["loc"])  # type: ignore[attr-defined]
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(_allowed_keys(error["loc"])))
        return ConfigError(f"unknown key '{loc}' (allowed: {allowed})", source, loc)
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    got = error.get("input")
    shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
    why = _WHY_THE_MINIMUM.get(loc, "") if kind == "greater_than_equal" else ""
    if not loc:  # a rule across settings: its message names them
        return ConfigError(message, source)
    return ConfigError(f"{message}{shown}{why}", source, loc)


_WHY_THE_MINIMUM = {
    "idle_timeout_seconds": f"; its last {IDLE_WARNING_SECONDS} seconds ask the visitor "
    '"Still there?" before the kiosk starts over',
}


def _allowed_keys(loc: object) -> list[str]:
    model: type[BaseModel] = Config
    parts = list(loc) if isinstance(loc, tuple | list) else []
    for part in parts[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        if annotation is SyncConfig:
            model = SyncConfig
        elif annotation is WelcomeLine:
            model = WelcomeLine
        elif annotation == list[Choice]:
            model = Choice
    return list(model.model_fields)


def parse_config(
    data: dict[str, object], source: str = "config", config_dir: Path | None = None
) -> Config:
    """Validate a parsed config; ``config_dir`` is where relative paths (the logo) start."""
    try:
        return Config.model_validate(data, context={"config_dir": config_dir})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise _describe(dict(first), source) from None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; None gives the defaults. Raises ConfigError."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("config file not found", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file ({exc.strerror})", str(path)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", str(path)) from None
    return parse_config(data, str(path), path.parent)
