import subprocess
import sys

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
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1 and "tr" in runs.pop()
    assert detect(SAMPLE) == detect(SAMPLE)


def test_langdetect_without_letters_says_unknown():
    assert detect("1234 5678") == (None, 0.0)
