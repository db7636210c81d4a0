"""Newsletter prompts: "Sign up for our newsletter", "Get the latest updates right in your
inbox", "Thanks for signing up!", "There was an error processing your subscription".

Anywhere in the document, a paragraph of at most ``max_words`` words that contains a
``[newsletter] lines`` phrase. The phrases name the newsletter, the inbox or the sign-up, so a
story about e-mail marketing that uses the word "newsletter" in a long sentence stays.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class NewsletterPrompts(PhraseLineCleaner):
    name = "newsletter"
    context_free = True  # each paragraph judged by its own text alone
    summary = "newsletter sign-up prompts and their thank-you / error lines"
    section = "newsletter"
    mode = "search"
    label = "newsletter prompt"

    def __init__(self, max_words: int = 35, head: int = 3, tail: int = 6):
        super().__init__(max_words, head, tail)
