module github.com/claimsvc/claimsvc

go 1.26
