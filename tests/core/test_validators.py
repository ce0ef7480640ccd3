import pytest
from django.core.exceptions import ValidationError

from core.validators import ico_check_digit, validate_ico


@pytest.mark.parametrize("ico", ["00064581", "25596641", "12345679", "00006947"])
def test_valid_ico_is_accepted(ico):
    validate_ico(ico)


@pytest.mark.parametrize(
    ("ico", "message"),
    [
        ("12345678", "IČO 12345678 nemá platnou kontrolní číslici."),
        ("1234567", "IČO musí mít přesně 8 číslic."),
        ("1234567a", "IČO musí mít přesně 8 číslic."),
        ("", "IČO musí mít přesně 8 číslic."),
    ],
)
def test_invalid_ico_is_refused_with_czech_message(ico, message):
    with pytest.raises(ValidationError) as error:
        validate_ico(ico)
    assert error.value.messages == [message]


def test_check_digit_handles_remainders_zero_and_one():
    # Remainder 0 gives check digit 1, remainder 1 gives 0 (the mod-11 rule's special cases).
    assert ico_check_digit("0000000") == 1
    assert ico_check_digit("0000006") == 0  # 6*2 = 12, 12 % 11 = 1
