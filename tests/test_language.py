import subprocess
import sys

import pytest

from newsclean.reading.language import detect, guess

SAMPLE = "Üye değilseniz hemen üye olun veya giriş yapın."


def test_guess_from_function_words_and_letters():
    assert guess("The council said that it was not ready to vote on the plan.")[0] == "en"
    assert guess("Der Rat hat gesagt, dass er nicht bereit ist.")[0] == "de"
    assert guess(SAMPLE)[0] == "tr"
    assert guess("Какую кухню любите сами?")[0] == "ru"
    assert guess("12345 !!!") == (None, 0.0)


def test_langdetect_is_deterministic_across_processes():
    code = f"from newsclean.reading.language import detect; print(detect({SAMPLE!r}))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": str(seed), "PATH": ""}
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1 and "tr" in runs.pop()
    assert detect(SAMPLE) == detect(SAMPLE)


def test_langdetect_without_letters_says_unknown():
    assert detect("1234 5678") == (None, 0.0)


# Texts in several languages and scripts, short and long, mixed, and without letters.
PORT_SAMPLES = [
    SAMPLE,
    "The council said that it was not ready to vote on the plan before the summer break.",
    "Der Rat hat gesagt, dass er vor der Sommerpause nicht über den Plan abstimmen will.",
    "El consejo dijo que no estaba listo para votar el plan antes de las vacaciones.",
    "Le conseil a déclaré qu'il n'était pas prêt à voter le plan avant l'été.",
    "Rada oświadczyła, że nie jest gotowa głosować nad planem przed wakacjami.",
    "Какую кухню любите сами? Совет не готов голосовать за план.",
    "日本語のテキストです。東京で会議が開かれました。",
    "新闻报道说，委员会还没有准备好投票。",
    "Ein, zwei, drei, vier",
    "Bonjour tout le monde",
    "Support us: https://example.com/donate or write to desk@example.com today",
    "OK",
    "1234 5678",
    "",
    "The mayor said. Der Bürgermeister sagte. El alcalde dijo. " * 40,
]


def test_rust_port_gives_langdetects_probabilities_bit_for_bit():
    pytest.importorskip("langdetect_rs")
    import langdetect.detector_factory
    import langdetect.lang_detect_exception
    import langdetect_rs.detector_factory
    import langdetect_rs.lang_detect_exception

    def probabilities(factory_module, error, text):
        factory = factory_module.DetectorFactory()
        factory.load_profile(factory_module.PROFILES_DIRECTORY)
        factory.set_seed(0)
        try:
            detector = factory.create()
            detector.append(text)
            return [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
        except error as exc:
            return str(exc)

    original = (langdetect.detector_factory, langdetect.lang_detect_exception.LangDetectException)
    port = (langdetect_rs.detector_factory, langdetect_rs.lang_detect_exception.LangDetectException)
    for text in PORT_SAMPLES:
        assert probabilities(*original, text) == probabilities(*port, text), text
        assert detect(text, backend=original) == detect(text, backend=port), text


def test_detect_runs_on_the_rust_port_when_it_is_installed():
    pytest.importorskip("langdetect_rs")
    from newsclean.reading.language import installed_backend

    assert installed_backend()[0].__name__ == "langdetect_rs.detector_factory"


def test_cyrillic_texts_are_told_apart_by_the_letters_each_language_writes():
    assert guess("Підтримайте незалежну журналістику — підпишіться на розсилку.")[0] == "uk"
    assert guess("Правителството обяви, че ще въведе нови мерки във всички области на България.")[0] == "bg"
    assert guess("В Киеве состоялась встреча, на которой обсуждались вопросы энергетики.")[0] == "ru"


def test_a_russian_text_naming_a_ukrainian_place_or_writing_a_hard_sign_stays_russian():
    assert guess("Мы были в Київ в прошлом году, и это было интересно.")[0] == "ru"
    assert guess("Президент объявил о подъезде")[0] == "ru"  # ъ twice, but Russian function words
    assert guess("Какую кухню любите сами?")[0] == "ru"  # too short to show a telling letter
