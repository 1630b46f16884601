"""Agencies: the local child support agencies and the state department (tenancy)."""
