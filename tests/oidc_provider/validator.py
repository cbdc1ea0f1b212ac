from oauth2_provider.oauth2_validators import OAuth2Validator

# A provider's user in this group has an e-mail address the provider never verified.
UNVERIFIED_GROUP = "unverified-email"


class ClaimsValidator(OAuth2Validator):
    """The claims an organisation's provider sends: the address, whether it verified it, names."""

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED_GROUP).exists(),
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
