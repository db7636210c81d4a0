import pytest

import newsclean
from newsclean import CleanerError, Config, ConfigError, Document, Pipeline

TEXT = "Storm hits coast\nThe storm hit the coast on Monday, officials said.\nPlease enter your comment!\n“Stay inside,” the mayor said."


def shout(doc):
    return doc.rewrite({i: p.upper() for i, p in enumerate(doc.paragraphs)}, reason="louder", by="shout")


def test_default_pipeline_order_and_names():
    assert Pipeline.default().names == list(newsclean.BUILTINS)
    assert (
        newsclean.clean(TEXT).text
        == 'The storm hit the coast on Monday, officials said.\n"Stay inside," the mayor said.'
    )


def test_disable_a_builtin():
    doc = newsclean.clean(TEXT, config=Pipeline.default().without("comments", "forms"))
    assert "Please enter your comment!" in doc.text
    doc = newsclean.clean(TEXT, config={"disable": ["quotes"]})
    assert "“Stay inside,”" in doc.text


def bullet(doc):
    return doc.rewrite({i: "Note: " + p for i, p in enumerate(doc.paragraphs)}, reason="prefix", by="bullet")


def test_add_a_plain_function_cleaner_and_order_matters():
    after = newsclean.clean(TEXT, config=Pipeline.default().with_cleaner(bullet))
    assert "Please enter your comment!" not in after.text  # comments ran first
    assert after.changes[-1].cleaner == "bullet"
    # (forms, which reads the form's shape, not its first words, would still take it)
    before = newsclean.clean(TEXT, config=Pipeline.default().without("forms").with_cleaner(bullet, before="comments"))
    assert "Note: Please enter your comment!" in before.text  # the prefix hid it from the comments cleaner


def test_object_cleaner_with_name():
    class Tag:
        name = "tagger"

        def __call__(self, doc):
            return doc.with_metadata(tagged=True)

    doc = Pipeline([Tag()])(Document(("a",)))
    assert doc.metadata["tagged"] is True
    assert Pipeline([Tag()]).names == ["tagger"]


def test_cleaner_that_forgets_to_return_is_a_clear_error():
    def forgetful(doc):
        doc.with_metadata(x=1)

    with pytest.raises(CleanerError, match="forgetful.*did you forget to return the document"):
        Pipeline([forgetful])(Document(("a",)))


def test_cleaner_exceptions_become_cleaner_errors():
    def broken(doc):
        raise KeyError("boom")

    with pytest.raises(CleanerError, match="broken"):
        Pipeline([broken])(Document(("a",)))


def test_unknown_names_list_valid_choices():
    with pytest.raises(ConfigError, match="appeals"):
        Pipeline.default().without("nope")
    with pytest.raises(ConfigError, match="built-in cleaners are"):
        Config.from_mapping({"cleaners": ["nope"]})
    with pytest.raises(ConfigError, match="valid keys"):
        Config.from_mapping({"colour": "blue"})
    with pytest.raises(ConfigError, match="valid options: mode"):
        Config.from_mapping({"quotes": {"style": "x"}})
    with pytest.raises(ConfigError, match="ascii, typographic"):
        Config.from_mapping({"quotes": {"mode": "fancy"}}).pipeline()


def test_duplicate_cleaner_names_rejected():
    with pytest.raises(ConfigError, match="unique"):
        Pipeline([shout, shout])


def test_custom_cleaner_by_module_attr():
    doc = newsclean.clean("Alpha beta.\nGamma delta.", config={"cleaners": ["test_pipeline:shout"]})
    assert doc.text == "ALPHA BETA.\nGAMMA DELTA."
