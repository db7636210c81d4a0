"""Language-independent patterns: money amounts, prices per period, links, e-mail, @handles.

All are precompiled and run on the (folded) paragraph; each is a plain alternation without
nested quantifiers, and every open-ended run starts only where such a run starts (a
look-behind), so a search stays linear on a line of ten thousand digits or letters.
"""

from __future__ import annotations

import re

_SYMBOLS = "$€£¥₹₩₪₺₽฿₫₴₦₱"
_CODES = "usd|eur|gbp|chf|jpy|cny|rmb|inr|krw|ils|try|rub|uah|pln|czk|sek|nok|dkk|huf|ron|brl|mxn|ars|aud|cad|nzd|zar|idr|myr|thb|vnd|sgd|hkd|aed|sar|egp"
# Currency words written after the number ("10 euros", "100 Kč", "50 zł", "1000 рублей", "5元").
_WORDS = (
    r"euros?|dollars?|pounds?|francs?|pesos?|reais|rupees?|kč|korun|zł|złotych|kr|kronor|kroner|"
    r"forint|lei|lira|tl|rubles?|roubles?|руб|рубл\w{0,3}|грн|гривень|гривні|лв|"
    r"dolar|rupiah|ringgit|baht|บาท|đồng|dong|ریال|تومان|دولار|جنيه|درهم|ريال|शेकेल|रुपये|रुपए|टका|"
    r"ש\"ח|שקל|שקלים|ευρώ|δολάρια"
)
# Written without spaces before the next word ("500円から", "5000원으로"): no boundary after.
_UNSPACED_WORDS = "元|块|円|圆|원|만원|บาท"
MONEY = re.compile(
    rf"[{_SYMBOLS}]\s?\d|\d\s?[{_SYMBOLS}]|\b(?:{_CODES})\s?\d|\d\s?(?:{_CODES})\b|\brp\.?\s?\d|\br\$\s?\d"
    rf"|(?<![\d.,])\d[\d.,]*\s?(?:{_WORDS})(?!\w)|\d\s?(?:{_UNSPACED_WORDS})"
)
# A price per period: "/month", "a year", "per week", "monatlich", "par mois", "每月", "월 ".
# Read from the paragraph's words (one set look-up each) rather than by one long
# alternation, which would try every alternative at every position.
_SLASH_PERIOD = re.compile(
    r"/\s?(?:mo|mth|month|yr|year|week|wk|mes|mois|monat|jahr|an|año|ano|mese|anno|maand|jaar|miesiąc|rok|ay|yıl|"
    r"месяц|мес|год|měsíc|mesiac|månad|år|måned|md|kk|kuukausi|lună|hó|μήνα|місяць|bulan|tháng|năm|"
    r"חודש|شهر|माह|महीना|月|年|월|년|เดือน|ปี)(?!\w)"
)
_PERIOD_WORDS = frozenset(
    """
    monthly annually yearly mensuel mensuelle mensuels monatlich jährlich mensual mensuales mensile mensili
    mensal mensais maandelijks miesięcznie aylık ayda ежемесячно щомісяця měsíčně mesačne månadsvis
    kuukaudessa havonta μηνιαίως sebulan شهريا شهرياً
""".split()
)
_PERIOD_PREFIXES = ("ежемесячн", "miesięczn", "měsíční", "monatlich")
_PERIOD_PAIRS = frozenset(
    tuple(pair.split("+"))
    for pair in """
    a+month per+month each+month every+month a+year per+year each+year every+year a+week per+week
    par+mois par+an par+semaine pro+monat pro+jahr pro+woche im+monat al+mes al+año al+mese al+anno
    por+mês por+mes por+ano per+maand per+jaar в+месяц в+год на+місяць i+månaden per+månad per+måned
    per+år om+måneden το+μήνα per+bulan mỗi+tháng hàng+tháng في+الشهر
""".split()
)
_UNSPACED_PERIOD = re.compile(
    "לחודש|प्रति माह|हर महीने|मासिक|每月|每个月|每個月|每年|月額|月々|年額|매월|매달|월간|ต่อเดือน|เดือนละ|รายเดือน"
)
_TOKEN = re.compile(r"\w+")
URL = re.compile(
    r"\bhttps?://\S+|\bwww\.[\w-]+\.\S+"
    r"|(?<![\w-])[\w-]{2,}\.(?:com|org|net|info|news|co|io|de|fr|es|it|nl|pl|ru|uk|cz|se|dk|no|gr|il|in|jp|cn|kr|tr|ua|id|vn|th|br|pt|at|ch|be)(?:/\S*)?(?!\w)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}(?![\w@.])")


_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


# The same amounts as MONEY, read around each number instead of trying every alternative
# at every position: a paragraph holds few numbers, so this is several times faster.
_NUMBER = re.compile(r"\d[\d.,]*")
_BEFORE = re.compile(rf"(?:[{_SYMBOLS}]|\b(?:{_CODES})|\brp\.?|\br\$)\s?\Z")
_AFTER = re.compile(rf"\s?(?:[{_SYMBOLS}]|(?:{_CODES})\b|(?:{_WORDS})(?!\w)|{_UNSPACED_WORDS})")


def has_money(folded: str) -> bool:
    """A money amount (what :data:`MONEY` finds), looked for around each number."""
    for number in _NUMBER.finditer(folded):
        start = number.start()
        if start and _BEFORE.search(folded, max(0, start - 5), start):
            return True
        if _AFTER.match(folded, number.end()):
            return True
    return False


def has_period(folded: str) -> bool:
    """A price per period: "/month", "a year", "monatlich", "par mois", "每月"."""
    if "/" in folded and _SLASH_PERIOD.search(folded):
        return True
    tokens = _TOKEN.findall(folded)
    if not _PERIOD_WORDS.isdisjoint(tokens) or any(t.startswith(_PERIOD_PREFIXES) for t in tokens):
        return True
    if not _PERIOD_PAIRS.isdisjoint(zip(tokens, tokens[1:])):
        return True
    return not folded.isascii() and _UNSPACED_PERIOD.search(folded) is not None


def has_link(folded: str) -> bool:
    """A URL, a bare domain, an e-mail address or an @handle."""
    if "@" in folded and (EMAIL.search(folded) or HANDLE.search(folded)):
        return True
    return "." in folded and URL.search(folded) is not None
