module TypeCheckSpec (spec) where

import qualified Data.Map.Strict as Map
import Test.Hspec
import Lensql.Syntax
import Lensql.Types
import Lensql.TypeCheck

users, profiles :: Table
users = Table "users" [Column "id" SqlBigInt False, Column "name" SqlText False]
profiles = Table "profiles" [Column "user_id" SqlBigInt False, Column "bio" SqlText False]

schema :: Schema
schema = Map.fromList [("users", users), ("profiles", profiles)]

spec :: Spec
spec = describe "Lensql.TypeCheck" $ do
  it "makes the optional side of a LEFT JOIN nullable" $ do
    let stmt = Select [SelectExpr (ColumnRef (Just "p") "bio") Nothing]
                 [FromJoin LeftJoin (FromTable "users" (Just "u")) (FromTable "profiles" (Just "p"))
                    (On (BinOp "=" (ColumnRef (Just "p") "user_id") (ColumnRef (Just "u") "id")))]
                 Nothing
    typeCheck schema stmt `shouldBe` Right [Column "bio" SqlText True]

  it "widens integer types in COALESCE" $
    inferCoalesce [(SqlInt, True), (SqlBigInt, True)] `shouldBe` Right (SqlBigInt, True)

  it "types avg as double" $
    aggregateType "avg" SqlInt `shouldBe` SqlDouble

  it "reports ambiguous columns" $
    resolveColumn [("a", Column "id" SqlInt False), ("b", Column "id" SqlInt False)] Nothing "id"
      `shouldBe` Left (AmbiguousColumn "id" ["a.id", "b.id"])
