# METADATA
# title: IAM account password policy is weak
# description: |
#   The account password policy governs every IAM user's console password. Short passwords, no
#   required character classes, reused passwords and passwords that never expire make IAM users
#   easy targets for guessing and credential-stuffing attacks. Each requirement of the CIS AWS
#   benchmark is reported on its own: at least 14 characters, lowercase, uppercase, numbers and
#   symbols required, the last 24 passwords not reusable, and expiry within 90 days.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: aws-iam-password-policy-weak
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_9, CKV_AWS_10, CKV_AWS_11, CKV_AWS_12, CKV_AWS_13, CKV_AWS_14, CKV_AWS_15]
package converge.rules.terraform.aws_iam_password_policy_weak

import rego.v1

import data.converge.lib.terraform as tf

required_classes := {
	"require_lowercase_characters": "lowercase letters",
	"require_uppercase_characters": "uppercase letters",
	"require_numbers": "numbers",
	"require_symbols": "symbols",
}

# A minimum a numeric attribute must reach; like checkov, a missing value fails and 0 passes.
minimums := {
	"minimum_password_length": 14,
	"password_reuse_prevention": 24,
}

findings contains f if {
	some policy in tf.live_resources("aws_iam_account_password_policy")
	some attribute, label in required_classes
	tf.bool_not_true(policy.body, attribute)
	f := {
		"msg": sprintf("aws_iam_account_password_policy.%s does not require %s", [policy.name, label]),
		"route": array.concat(policy.route, [attribute]),
		"case": "require",
	}
}

findings contains f if {
	some policy in tf.live_resources("aws_iam_account_password_policy")
	some attribute, minimum in minimums
	below(object.get(policy.body, attribute, null), minimum)
	f := {
		"msg": sprintf("aws_iam_account_password_policy.%s sets %s below %d", [policy.name, attribute, minimum]),
		"route": array.concat(policy.route, [attribute]),
		"case": attribute,
	}
}

findings contains f if {
	some policy in tf.live_resources("aws_iam_account_password_policy")
	not expires_in_time(object.get(policy.body, "max_password_age", null))
	not tf.is_expression(object.get(policy.body, "max_password_age", null))
	f := {
		"msg": sprintf("aws_iam_account_password_policy.%s does not expire passwords within 90 days", [policy.name]),
		"route": array.concat(policy.route, ["max_password_age"]),
		"case": "max_password_age",
	}
}

below(v, _) if v == null

below(v, minimum) if {
	is_number(v)
	v != 0
	v < minimum
}

expires_in_time(v) if {
	is_number(v)
	v > 0
	v <= 90
}
