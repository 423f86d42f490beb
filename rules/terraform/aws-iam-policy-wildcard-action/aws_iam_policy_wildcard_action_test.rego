package converge.rules.terraform.aws_iam_policy_wildcard_action_test

import rego.v1

import data.converge.rules.terraform.aws_iam_policy_wildcard_action as rule

admin := `{"Version": "2012-10-17", "Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}`

scoped := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}}`

test_star_actions_in_json_policies_are_reported if {
	doc := {"resource": {"aws_iam_policy": {"a": {"policy": admin}}, "aws_iam_role_policy": {"b": {"policy": scoped}}}}
	count(rule.findings) == 1 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_iam_policy", "a", "policy"]
	f.msg == `aws_iam_policy.a allows every action in statement "Admin"`
}

test_star_actions_in_heredocs_are_reported if {
	heredoc := concat("\n", ["${<<-EOT", `    {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": "*"}]}`, "  EOT}"])
	doc := {"resource": {"aws_iam_user_policy": {"u": {"policy": heredoc}}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_iam_user_policy", "u", "policy"]
}

test_star_actions_in_policy_documents_are_reported if {
	doc := {"data": {"aws_iam_policy_document": {"d": {"statement": [
		{"actions": ["s3:*"], "resources": ["*"]},
		{"actions": ["*"], "resources": ["*"]},
	]}}}}
	some f in rule.findings with input as doc
	f.route == ["data", "aws_iam_policy_document", "d", "statement", 1, "actions"]
	f.msg == "data.aws_iam_policy_document.d allows every action in statement #2"
}

test_deny_scoped_and_encoded_policies_are_clean if {
	deny := `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`
	doc := {
		"resource": {"aws_iam_policy": {
			"a": {"policy": deny},
			"b": {"policy": scoped},
			"c": {"policy": "${jsonencode({Statement = []})}"},
		}},
		"data": {"aws_iam_policy_document": {"d": {"statement": [{"effect": "Deny", "actions": ["*"]}]}}},
	}
	count(rule.findings) == 0 with input as doc
}
