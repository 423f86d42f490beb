# METADATA
# title: IAM policy allows every action with a "*" wildcard
# description: |
#   A statement that allows `*` grants every current and future action of every AWS service on
#   its resources; with `"Resource": "*"` it is full administrator access. Whoever holds the
#   policy, or compromises the role, user or group that does, can change IAM itself and take
#   over the account. Policies written as JSON strings or heredocs (without interpolations) and
#   `aws_iam_policy_document` data sources are checked; policies built with `jsonencode(...)`
#   are not read.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: aws-iam-policy-wildcard-action
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_62, CKV_AWS_63, CKV_AWS_1, CKV_AWS_49]
package converge.rules.terraform.aws_iam_policy_wildcard_action

import rego.v1

import data.converge.lib.terraform as tf

policy_attributes := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"aws_ssoadmin_permission_set_inline_policy": "inline_policy",
}

as_list(x) := x if is_array(x)

else := [x]

# A literal JSON policy document: a string, or a heredoc without interpolations.
document(text) := json.unmarshal(text) if {
	is_string(text)
	not tf.is_expression(text)
	json.is_valid(text)
}

document(text) := json.unmarshal(body) if {
	body := tf.heredoc_text(text)
	not contains(body, "${")
	not contains(body, "%{")
	json.is_valid(body)
}

findings contains f if {
	some kind, attribute in policy_attributes
	some r in tf.live_resources(kind)
	doc := document(r.body[attribute])
	some i, statement in as_list(doc.Statement)
	is_object(statement)
	object.get(statement, "Effect", "Allow") == "Allow"
	"*" in as_list(object.get(statement, "Action", []))
	f := {
		"msg": sprintf("%s.%s allows every action in statement %s", [kind, r.name, label(object.get(statement, "Sid", null), i)]),
		"route": array.concat(r.route, [attribute]),
	}
}

findings contains f if {
	some name, body in object.get(input, "data", {}).aws_iam_policy_document
	some i, statement in body.statement
	is_object(statement)
	object.get(statement, "effect", "Allow") == "Allow"
	"*" in as_list(object.get(statement, "actions", []))
	f := {
		"msg": sprintf("data.aws_iam_policy_document.%s allows every action in statement %s", [name, label(object.get(statement, "sid", null), i)]),
		"route": ["data", "aws_iam_policy_document", name, "statement", i, "actions"],
	}
}

label(sid, i) := sprintf("%q", [sid]) if is_string(sid)

else := sprintf("#%d", [i + 1])
