"""The ``forms`` cleaner: comment and log-in forms, newsletter boxes and share/follow lines
recognised by their shape (furniture word families per language, length, position), in
wording the phrase lists do not hold, and reporting *about* those things kept."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.cleaners.forms import Forms
from newsclean.cleaners.signals.furniture import find, languages
from newsclean.document import Document

# Ordinary reporting, per language, that the cruft lines are appended to or put among.
BODY = {
    "en": [
        "The county council approved a new bus route between Millbrook and the hospital on Tuesday evening.",
        "The route will run every twenty minutes on weekdays and start in September, officials said.",
        "Residents had campaigned for a direct connection for more than three years, collecting 4,000 signatures.",
        "The council expects about 900 passengers a day once the service is running.",
    ],
    "de": [
        "Der Gemeinderat hat am Dienstagabend eine neue Buslinie zwischen dem Bahnhof und dem Klinikum beschlossen.",
        "Die Busse sollen ab September werktags alle zwanzig Minuten fahren, teilte die Verwaltung mit.",
        "Anwohner hatten sich seit mehr als drei Jahren für eine direkte Verbindung eingesetzt.",
        "Die Stadt rechnet mit rund 900 Fahrgästen am Tag.",
    ],
    "fr": [
        "Le conseil municipal a approuvé mardi soir une nouvelle ligne de bus entre la gare et l'hôpital.",
        "Les bus circuleront toutes les vingt minutes en semaine à partir de septembre, selon la mairie.",
        "Les habitants réclamaient une liaison directe depuis plus de trois ans.",
        "La ville attend environ 900 voyageurs par jour.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes una nueva línea de autobús entre la estación y el hospital.",
        "Los autobuses pasarán cada veinte minutos en días laborables a partir de septiembre, según el consistorio.",
        "Los vecinos llevaban más de tres años reclamando una conexión directa.",
        "La ciudad espera unos 900 viajeros al día.",
    ],
    "pl": [
        "Rada miasta zatwierdziła we wtorek nową linię autobusową między dworcem a szpitalem.",
        "Autobusy będą kursować co dwadzieścia minut w dni robocze od września, poinformował urząd.",
        "Mieszkańcy od ponad trzech lat domagali się bezpośredniego połączenia.",
        "Miasto spodziewa się około 900 pasażerów dziennie.",
    ],
    "ru": [
        "Городской совет во вторник одобрил новый автобусный маршрут от вокзала до больницы.",
        "Автобусы будут ходить каждые двадцать минут по будням с сентября, сообщили в мэрии.",
        "Жители больше трёх лет добивались прямого сообщения.",
        "Город ожидает около 900 пассажиров в день.",
    ],
    "zh": [
        "市议会周二晚间批准开通一条连接火车站和市医院的新公交线路。",
        "市政府表示，新线路将于九月开通，工作日每二十分钟一班。",
        "沿线居民三年多来一直呼吁开通直达线路，并收集了四千多个签名。",
        "市政府预计新线路每天将运送约九百名乘客。",
    ],
    "ja": [
        "市議会は火曜日の夜、駅と市民病院を結ぶ新しいバス路線の開設を承認した。",
        "市によると、新路線は9月に運行を始め、平日は20分ごとに運行する。",
        "沿線の住民は3年以上前から直通便の開設を求め、4000人分の署名を集めていた。",
        "市は1日あたり約900人の利用を見込んでいる。",
    ],
    "ar": [
        "وافق المجلس البلدي مساء الثلاثاء على خط حافلات جديد بين محطة القطار والمستشفى.",
        "وقالت البلدية إن الحافلات ستعمل كل عشرين دقيقة في أيام العمل اعتبارا من سبتمبر.",
        "وكان السكان يطالبون منذ أكثر من ثلاث سنوات بخط مباشر.",
        "وتتوقع المدينة نحو تسعمئة راكب يوميا.",
    ],
    "ko": [
        "시의회는 화요일 저녁 기차역과 시립병원을 잇는 새 버스 노선을 승인했다.",
        "시에 따르면 새 노선은 9월부터 평일 20분 간격으로 운행된다.",
        "주민들은 3년 넘게 직통 노선을 요구하며 4천 명의 서명을 모았다.",
        "시는 하루 약 900명이 이용할 것으로 내다봤다.",
    ],
    "hi": [
        "नगर परिषद ने मंगलवार शाम स्टेशन और जिला अस्पताल के बीच नई बस सेवा को मंजूरी दी।",
        "नगर निगम के अनुसार बसें सितंबर से कामकाजी दिनों में हर बीस मिनट पर चलेंगी।",
        "स्थानीय लोग तीन साल से अधिक समय से सीधी बस सेवा की मांग कर रहे थे।",
        "शहर को रोज लगभग नौ सौ यात्रियों की उम्मीद है।",
    ],
    "th": [
        "สภาเทศบาลอนุมัติเส้นทางรถประจำทางสายใหม่ระหว่างสถานีรถไฟกับโรงพยาบาลเมื่อคืนวันอังคาร",
        "เทศบาลระบุว่ารถจะออกทุกยี่สิบนาทีในวันทำการตั้งแต่เดือนกันยายน",
        "ชาวบ้านเรียกร้องเส้นทางตรงมานานกว่าสามปี",
        "เทศบาลคาดว่าจะมีผู้โดยสารราววันละเก้าร้อยคน",
    ],
}

TITLE = {
    "en": "New bus route to the hospital approved",
    "de": "Neue Buslinie zum Klinikum beschlossen",
    "fr": "Une nouvelle ligne de bus vers l'hôpital",
    "es": "Aprobada una nueva línea de autobús al hospital",
    "pl": "Nowa linia autobusowa do szpitala",
    "ru": "Новый автобусный маршрут до больницы одобрен",
    "zh": "市医院新公交线路获批",
    "ja": "市民病院への新バス路線を承認",
    "ar": "الموافقة على خط حافلات جديد إلى المستشفى",
    "ko": "시립병원 잇는 새 버스 노선 승인",
    "hi": "अस्पताल तक नई बस सेवा को मंजूरी",
    "th": "อนุมัติรถประจำทางสายใหม่ไปโรงพยาบาล",
}


def cleaned(lang: str, cruft: list[str], *, at: str = "tail") -> newsclean.Document:
    body = BODY[lang]
    paragraphs = [*cruft, *body] if at == "top" else [*body, *cruft]
    return newsclean.clean("\n".join([TITLE[lang], *paragraphs]))


def removed_by_forms(doc: newsclean.Document) -> dict[str, str]:
    return {c.before: c.reason for c in doc.changes if c.removed and c.cleaner == "forms"}


# (language, cruft lines, where, the kind the reason names)
FURNITURE = [
    ("en", ["Readers' letters are read by an editor before they appear. Sign in to add yours."], "tail", "comment"),
    ("de", ["Mitreden? Bitte melden Sie sich mit Ihrem Leserkonto an."], "tail", "comment"),
    ("ru", ["Обсуждение доступно только зарегистрированным читателям"], "tail", "comment"),
    ("zh", ["参与讨论前请先注册账号"], "tail", "comment"),
    ("hi", ["अपनी राय लिखने के लिए लॉग इन करें"], "tail", "comment"),
    ("pl", ["Skomentuj", "Imię", "E-mail", "Wyślij"], "tail", "comment"),
    (
        "fr",
        ["Le meilleur de la semaine, chaque vendredi par courriel. C'est gratuit, désinscription en un clic."],
        "top",
        "newsletter",
    ),
    ("ja", ["編集部のおすすめを毎週金曜日に配信。メールアドレスの登録だけ、無料です。"], "top", "newsletter"),
    ("th", ["รับจดหมายข่าวทุกเช้าทางอีเมล ฟรี"], "tail", "newsletter"),
    ("es", ["¿Te ha servido? Compártelo con tus amigos."], "tail", "share"),
    ("ar", ["أرسل هذا الخبر إلى أصدقائك"], "tail", "share"),
    ("ko", ["새 소식 알림을 받으려면 채널을 팔로우하세요"], "tail", "follow"),
]


@pytest.mark.parametrize("lang, cruft, at, kind", FURNITURE, ids=[f"{c[0]}-{c[3]}" for c in FURNITURE])
def test_furniture_in_new_wording_goes_and_names_its_signals(lang, cruft, at, kind):
    doc = cleaned(lang, cruft, at=at)
    for line in cruft:
        assert line not in doc.paragraphs, f"kept: {line!r}"
    reasons = removed_by_forms(doc)
    assert reasons, [(c.cleaner, c.reason) for c in doc.changes]
    assert all(kind in reason for reason in reasons.values()), reasons
    for line in BODY[lang]:
        assert line in doc.paragraphs, f"lost body: {line!r}"


# Reporting that talks about comments, log-ins, newsletters and networks: it stays.
CONTROLS = [
    ("en", "Enter your email address only on the bank's official website, the regulator advised on Monday."),
    ("en", "The paper said readers would need to log in with a verified account before they could comment."),
    ("en", "He posted on Facebook and Instagram that the bridge would reopen on Friday."),
    ("en", "Subscribers to the weekly newsletter were told first, and about 40,000 of them received it by email."),
    (
        "de",
        "Der Verlag stellt seinen wöchentlichen Newsletter ein, teilte er am Montag mit; rund 40.000 Abonnenten erhielten ihn per E-Mail.",
    ),
    ("zh", "市政府表示，市民可以登录官方网站发表意见，征求意见截止到本月底。"),
    ("ja", "同社は、会員登録した読者のコメント欄を来月から閉鎖すると発表した。"),
    ("ru", "Мэрия сообщила, что жители могут оставить комментарии на портале после регистрации."),
    # what members, subscribers or readers get or may do, in the third person
    ("en", "Subscribers get the digest every Friday morning, free of charge."),
    ("de", "Mitglieder können Artikel auch kommentieren."),
    ("es", "Los socios reciben cada semana un boletín gratuito por correo electrónico."),
    ("zh", "会员每周五会收到一封免费的电子邮件简报。"),
    ("ja", "会員には毎週金曜日に無料のメールマガジンが届く。"),
    ("pl", "Członkowie co tydzień otrzymują bezpłatny newsletter na adres e-mail."),
    # news you can use: someone else's service, addressed to the reader
    ("en", "To get flood alerts, sign up with your email address on the council's website; the service is free."),
    ("es", "Si quiere recibir los avisos, puede suscribirse gratis con su correo en la web del ayuntamiento."),
    ("zh", "市民可以在市政府网站免费订阅每日空气质量邮件提醒。"),
    ("en", "The paper closed its comment section in 2019."),
]


@pytest.mark.parametrize("lang, line", CONTROLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CONTROLS)])
def test_reporting_about_forms_stays(lang, line):
    for at in ("tail", "top"):
        doc = cleaned(lang, [line], at=at)
        assert line in doc.paragraphs, [(c.cleaner, c.reason) for c in doc.changes if c.removed]


def test_a_lone_title_is_never_taken_for_a_comment_heading():
    doc = Forms()(Document(paragraphs=("Readers' comments",)))
    assert not doc.changes


def test_a_comment_heading_needs_the_tail_and_no_prose_after_it():
    body = BODY["en"]
    heading = "Reader comments"
    at_tail = Forms()(Document(paragraphs=(*body, heading)))
    assert [c.before for c in at_tail.changes] == [heading]
    mid = Forms()(Document(paragraphs=(body[0], heading, *body[1:], body[0] + " " + body[1])))
    assert not mid.changes


def test_families_are_found_in_every_script():
    assert {"comment", "login"} <= set(find("登录后即可参与讨论", "zh").words)
    assert {"mail", "cadence", "free"} <= set(find("毎週金曜日、記事をメールでお届けします（無料）", "ja").words)
    assert {"share", "object", "friend"} <= set(find("شارك هذا المقال مع أصدقائك", "ar").words)
    assert find("send artiklen til en ven", "da").words.keys() >= {"share", "object", "friend"}
    # a network name inside a compound is no network; "x" and "line" alone are not enough
    assert find("wie das fernost-facebook das gesundheitswesen verändert", "de").networks() == 0
    assert find("the new line opens in may", "en").networks() == 0


def test_every_language_compiles():
    assert len(languages()) >= 25
    for language in languages():
        find("x", language)
