import rules

# Every signed-in person may hold tokens: a token reads and writes only what its owner may.
rules.add_perm("api.manage_tokens", rules.is_authenticated)
