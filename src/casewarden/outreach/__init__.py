"""Speaking as the agency: general posts and replies, self-identified, guarded, approved."""
