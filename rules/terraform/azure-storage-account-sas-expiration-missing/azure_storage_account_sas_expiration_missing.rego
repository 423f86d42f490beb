# METADATA
# title: Storage account has no SAS expiration policy
# description: |
#   SAS tokens signed with an account key cannot be revoked one by one: a token issued for years
#   stays valid until the key is rotated. A SAS expiration policy (sas_policy) sets the longest
#   validity the account expects and logs every token that exceeds it, or blocks such tokens with
#   the Block action. Accounts with shared_access_key_enabled = false are not affected. checkov
#   also asks for shared_access_key_enabled = true to be written out next to the policy.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/sas-expiration-policy
# custom:
#   id: azure-storage-account-sas-expiration-missing
#   target: terraform
#   severity: low
#   checkov: [CKV2_AZURE_41]
package converge.rules.terraform.azure_storage_account_sas_expiration_missing

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

has_period(body) if {
	is_array(body.sas_policy)
	p := body.sas_policy[0].expiration_period
	is_string(p)
	p != ""
}

# Shared keys on: the default, or literally true.
keys_on(body) if not "shared_access_key_enabled" in object.keys(body)

keys_on(body) if tf.is_true(body.shared_access_key_enabled)

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	keys_on(sa.body)
	not has_period(sa.body)
	not azure.has_dynamic(sa.body, "sas_policy")
	f := {
		"msg": sprintf("azurerm_storage_account.%s has no sas_policy.expiration_period", [sa.name]),
		"route": array.concat(sa.route, ["sas_policy", 0, "expiration_period"]),
		"case": policy_case(sa.body),
	}
}

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	not "shared_access_key_enabled" in object.keys(sa.body)
	has_period(sa.body)
	f := {
		"msg": sprintf("azurerm_storage_account.%s has a SAS expiration policy but leaves shared_access_key_enabled to its default (true)", [sa.name]),
		"route": array.concat(sa.route, ["shared_access_key_enabled"]),
		"case": "key_flag",
	}
}

policy_case(body) := "policy_block" if count(body.sas_policy) > 0

else := "no_policy"
